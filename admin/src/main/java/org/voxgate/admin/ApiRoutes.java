package org.voxgate.admin;

import io.javalin.Javalin;

/**
 * One resource of the admin API (bots, bookings, ...), added to the server with
 * {@link AdminServer#add(ApiRoutes)} before it starts. An implementation registers its
 * handlers on the given Javalin instance, each with the {@link ApiRole} it requires, and
 * reports errors by throwing {@link ApiError}s, which the server turns into JSON. A route with
 * a role needs an API key of that role or above ({@link ApiKeyAuth}); document each route, with
 * the same role as {@code x-role}, in a fragment under {@code admin/src/main/resources/openapi/}
 * (see the README there) and in docs/API.md: tests fail on any route that is not.
 *
 * <p>Threading: {@link #addTo} is called once, on the thread that starts the server; the
 * handlers it registers run on request (virtual) threads and must be thread-safe.
 */
public interface ApiRoutes {
    /** Registers this resource's routes on {@code app}. */
    void addTo(Javalin app);
}
