package org.voxgate.admin;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: 200 when every component is up, otherwise 503, both with
 * {@code {"status": "UP"|"DOWN", "components": {"name": "UP"|"DOWN", ...}}}.
 *
 * <p>Stateless and thread-safe; the {@link HealthCheck} is owned by the application.
 */
final class HealthApi {

    private static final Logger log = LoggerFactory.getLogger(HealthApi.class);

    private final HealthCheck health;

    HealthApi(HealthCheck health) {
        this.health = health;
    }

    record Report(String status, Map<String, String> components) {
    }

    void health(Context ctx) {
        Map<String, Boolean> components;
        try {
            components = health.components();
        } catch (RuntimeException e) {
            // A health check that cannot answer means the server is not healthy, not that the
            // health endpoint is broken.
            log.error("Health check failed", e);
            ctx.status(503).json(new Report("DOWN", Map.of()));
            return;
        }
        Map<String, String> report = new LinkedHashMap<>();
        boolean allUp = true;
        for (Map.Entry<String, Boolean> component : components.entrySet()) {
            boolean up = Boolean.TRUE.equals(component.getValue());
            allUp &= up;
            report.put(component.getKey(), up ? "UP" : "DOWN");
        }
        ctx.status(allUp ? 200 : 503).json(new Report(allUp ? "UP" : "DOWN", report));
    }
}
