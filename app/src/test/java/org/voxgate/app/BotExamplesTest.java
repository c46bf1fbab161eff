package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.store.BotRecord;
import org.voxgate.store.Store;
import org.voxgate.store.StoreConfig;

/** bots.examples: loaded once, on the store's first start, all or nothing; and the repository's conf/bots files are valid. */
class BotExamplesTest {
    @TempDir
    Path dir;

    private Store store;
    private BotCatalog catalog;
    private Path examples;

    @BeforeEach
    void open() throws IOException {
        store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2));
        catalog = new BotCatalog(store.bots(), new SkillbaseValidator(), Set.of("echo", "receptionist")::contains);
        examples = Files.createDirectory(dir.resolve("bots"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static final String MENU = """
            name: menu
            mode: cascade
            voice: {stt: {vendor: local}, tts: {vendor: local}}
            flow:
              type: linear
              states:
                - {id: ask, say: "Press one for the opening hours.", transitions: [{to: bye, dtmf: "1"}]}
                - {id: bye, say: "We are open nine to five. Goodbye.", end: hangup}
            """;

    @Test
    void storesEveryFileOnTheFirstStartOnlyAndDeletedExamplesStayDeleted() throws IOException {
        Files.writeString(examples.resolve("menu.yaml"), MENU);
        Files.writeString(examples.resolve("partner.json"),
                "{\"name\":\"partner\",\"mode\":\"bridge\",\"bridge\":{\"url\":\"wss://bots.example.com/x\"}}");
        Files.writeString(examples.resolve("README.txt"), "not a bot");

        assertThat(BotExamples.loadIfFirstStart(examples, store.bots(), catalog)).isEqualTo(2);
        assertThat(store.bots().list(0, 10)).extracting(BotRecord::name).containsExactly("menu", "partner");
        assertThat(store.bots().version("menu", 1).orElseThrow().comment()).isEqualTo("loaded from menu.yaml");

        store.bots().delete("menu");
        assertThat(BotExamples.loadIfFirstStart(examples, store.bots(), catalog)).isZero();
        assertThat(store.bots().list(0, 10)).extracting(BotRecord::name).containsExactly("partner");
    }

    @Test
    void aBadFileStopsStartUpNamingTheFileAndItsProblemsAndNothingIsStored() throws IOException {
        Files.writeString(examples.resolve("a-menu.yaml"), MENU);
        Files.writeString(examples.resolve("b-broken.yaml"), "name: broken\nmode: bridge\ncolour: blue\n");
        Files.writeString(examples.resolve("c-echo.yaml"), "name: echo\nmode: bridge\nbridge: {url: 'wss://x/y'}\n");
        Files.writeString(examples.resolve("d-menu-again.yaml"), MENU);

        assertThatThrownBy(() -> BotExamples.loadIfFirstStart(examples, store.bots(), catalog))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("b-broken.yaml: /bridge/url mode bridge needs bridge.url; /colour is not a known key")
                .hasMessageContaining("c-echo.yaml: /name the name echo belongs to a built-in bot")
                .hasMessageContaining("d-menu-again.yaml: /name the name menu is taken by a-menu.yaml");
        assertThat(store.bots().neverUsed()).isTrue();
    }

    @Test
    void aMissingDirectoryLoadsNothing() {
        assertThat(BotExamples.loadIfFirstStart(dir.resolve("nowhere"), store.bots(), catalog)).isZero();
        assertThat(BotExamples.loadIfFirstStart(null, store.bots(), catalog)).isZero();
    }

    /**
     * The files shipped in conf/bots (written by whoever adds examples) load exactly as at a
     * node's first start: valid, no reserved or repeated names.
     */
    @Test
    void theShippedExamplesLoad() throws IOException {
        Path shipped = Path.of("..", "conf", "bots");
        if (!Files.isDirectory(shipped)) {
            return; // nothing shipped yet: nothing to hold to the schema
        }
        long files;
        try (Stream<Path> list = Files.list(shipped)) {
            files = list.filter(f -> f.getFileName().toString().matches(".*\\.(ya?ml|json)")).count();
        }
        assertThat(BotExamples.loadIfFirstStart(shipped, store.bots(), catalog)).isEqualTo(files);
    }
}
