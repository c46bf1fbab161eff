package org.voxgate.admin;

import java.util.Map;

/**
 * Reports whether each part of the running server is up, for {@code GET /health}.
 *
 * <p>Implemented by the application. Called on an HTTP request thread (a virtual thread) for
 * every health request, possibly concurrently, so implementations must be thread-safe and
 * should answer within a few seconds.
 */
public interface HealthCheck {

    /**
     * Component name to whether it is up, e.g. {@code {"sip": true, "rtp": true, "store": false}}.
     * The iteration order of the map is kept in the response.
     */
    Map<String, Boolean> components();
}
