package org.voxgate.admin;

import io.javalin.event.HandlerMetaInfo;
import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every route the server registers with the role it needs, as Javalin reports them while
 * routes are added, so they can be checked against the {@link OpenApiDocument}.
 *
 * <p>Thread-safe: written on the start-up thread as routes are added, read afterwards.
 */
final class RouteCatalog {

    /** The role name of a route registered without one. */
    static final String PUBLIC = "public";

    private final Map<String, String> roles = new TreeMap<>();

    synchronized void record(HandlerMetaInfo route) {
        if (!route.getHttpMethod().isHttpMethod()) {
            return; // before/after handlers
        }
        String role = PUBLIC;
        for (RouteRole r : route.getRoles()) {
            if (r instanceof ApiRole api) {
                role = api.name().toLowerCase(Locale.ROOT);
            }
        }
        roles.put(route.getHttpMethod() + " " + route.getPath(), role);
    }

    /** Route ({@code "GET /api/calls/{id}"}) to the role it needs ({@code viewer}, ..., {@link #PUBLIC}). */
    synchronized Map<String, String> roles() {
        return Map.copyOf(roles);
    }
}
