package com.caddyshop.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.CaddyShopConfiguration;
import com.caddyshop.testing.Await;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code LOG_FORMAT=json}: app.log becomes one JSON object per line, ready for ELK. */
@ExtendWith({RealServers.class, DropwizardExtensionsSupport.class})
class JsonLogsIT {
    static final TestApp SETUP = TestApp.onSharedServers("json_logs")
            .set("logging.appenders[1].layout.type", () -> "json");
    static final DropwizardAppExtension<CaddyShopConfiguration> APP = SETUP.extension();

    @Test
    void appLogLinesAreJsonObjects() throws Exception {
        java.nio.file.Path appLog = SETUP.logFile("app.log");
        Await.until("app.log to have start-up lines", Duration.ofSeconds(10),
                () -> Files.exists(appLog) && Files.readString(appLog).contains("Started"));
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(appLog).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            assertThat(entry.has("level")).as(line).isTrue();
            assertThat(entry.has("message")).as(line).isTrue();
        }
    }
}
