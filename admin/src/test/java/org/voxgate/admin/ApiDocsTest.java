package org.voxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/API.md is checked against the OpenAPI document: every operation has its section text. */
class ApiDocsTest {

    @Test
    void everyDocumentedOperationAppearsInApiMd() throws Exception {
        Path doc = Path.of("..", "docs", "API.md");
        assertThat(doc).as("docs/API.md, read from the admin module's directory").isRegularFile();
        String text = Files.readString(doc);
        List<String> missing = OpenApiDocument.load(AdminServer.objectMapper()).operations().stream()
                .map(op -> "`" + op + "`")
                .filter(op -> !text.contains(op))
                .toList();
        assertThat(missing).as("operations docs/API.md does not mention").isEmpty();
    }
}
