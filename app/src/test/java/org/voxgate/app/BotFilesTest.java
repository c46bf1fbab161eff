package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bots.directory: every file stored at first start, none later, and a broken file named. */
class BotFilesTest {
    @TempDir
    Path dir;

    /** The store side as the node implements it, reduced to a map of what was stored. */
    private static final class Stored implements FirstStartBots {
        final Map<String, JsonNode> bots = new LinkedHashMap<>();

        @Override public boolean anyStored() { return !bots.isEmpty(); }

        @Override public void store(String fileName, JsonNode doc) {
            if (!doc.hasNonNull("mode")) {
                throw new IllegalArgumentException("/mode: required");
            }
            bots.put(fileName, doc);
        }
    }

    @Test
    void theFirstStartStoresEveryFileInNameOrderAndALaterStartNone() throws Exception {
        Files.writeString(dir.resolve("b.yaml"), "name: b\nmode: bridge\nbridge: {url: 'ws://x/'}\n");
        Files.writeString(dir.resolve("a.json"), "{\"name\": \"a\", \"mode\": \"realtime\"}");
        Files.writeString(dir.resolve("c.yml"), "name: c\nmode: cascade\n");
        Files.writeString(dir.resolve("README.md"), "not a bot");
        Stored store = new Stored();
        assertThat(new BotFiles(dir).loadAtFirstStart(store)).isEqualTo(3);
        assertThat(store.bots.keySet()).containsExactly("a.json", "b.yaml", "c.yml");
        assertThat(store.bots.get("b.yaml").at("/bridge/url").asText()).isEqualTo("ws://x/");

        Files.writeString(dir.resolve("d.yaml"), "name: d\nmode: cascade\n");
        assertThat(new BotFiles(dir).loadAtFirstStart(store)).isZero();
        assertThat(store.bots).hasSize(3);
    }

    @Test
    void anUnreadableFileIsNamedAndNothingIsStored() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "name: a\nmode: cascade\n");
        Files.writeString(dir.resolve("broken.yaml"), "name: b\nmode: {cascade\n");
        Stored store = new Stored();
        assertThatThrownBy(() -> new BotFiles(dir).loadAtFirstStart(store)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("broken.yaml").hasMessageContaining("cannot be parsed");
        assertThat(store.bots).isEmpty();
    }

    @Test
    void aFileThatIsNotOneDocumentOrHasADuplicateKeyOrIsRefusedIsNamed() throws Exception {
        Files.writeString(dir.resolve("list.yaml"), "- name: a\n");
        assertThatThrownBy(() -> new BotFiles(dir).read()).hasMessageContaining("list.yaml")
                .hasMessageContaining("one bot document");
        Files.delete(dir.resolve("list.yaml"));
        Files.writeString(dir.resolve("twice.yaml"), "name: a\nname: b\nmode: cascade\n");
        assertThatThrownBy(() -> new BotFiles(dir).read()).hasMessageContaining("twice.yaml")
                .hasMessageContaining("name");
        Files.delete(dir.resolve("twice.yaml"));
        Files.writeString(dir.resolve("nomode.yaml"), "name: a\n");
        assertThatThrownBy(() -> new BotFiles(dir).loadAtFirstStart(new Stored())).hasMessageContaining("nomode.yaml")
                .hasMessageContaining("/mode: required");
    }

    @Test
    void aMissingDirectoryLoadsNothing() {
        assertThat(new BotFiles(dir.resolve("absent")).loadAtFirstStart(new Stored())).isZero();
    }

    @Test
    void theDirectoryIsConfigurableAndDefaultsToConfBots() {
        assertThat(VoxgateConfig.from(ConfigTree.load(null, Map.of())).botsDirectory())
                .isEqualTo(Path.of("conf/bots").toAbsolutePath().normalize());
        assertThat(VoxgateConfig.from(ConfigTree.load(null, Map.of("VOXGATE_BOTS_DIRECTORY", dir.toString())))
                .botsDirectory()).isEqualTo(dir.toAbsolutePath().normalize());
    }

    @Test
    void theShippedExamplesAreReadable() {
        assertThat(new BotFiles(Path.of("..", "conf", "bots")).read()).extracting(f -> f.document().path("name").asText())
                .containsExactly("receptionist-en", "soporte-es", "survey-outbound");
    }
}
