package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bot the README creates with curl is one the API accepts, so a newcomer's first try works. */
class ReadmeBotExampleTest {
    private static final String START = "vx -X POST localhost:8080/api/bots -d '";

    @Test
    void theReadmesBotIsAValidSkillbase() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int from = readme.indexOf(START);
        assertThat(from).as("the README creates a bot with curl").isNotNegative();
        from += START.length();
        String body = readme.substring(from, readme.indexOf('\'', from));
        JsonNode doc = new ObjectMapper().readTree(body);

        assertThat(new SkillbaseValidator().validate(doc)).isEmpty();
        assertThat(doc.path("name").asText()).isEqualTo("clinic");
    }
}
