package org.voxgate.admin;

import io.javalin.security.RouteRole;

/**
 * Who may call an endpoint. Roles are ordered: an {@link #ADMIN} key may do everything an
 * {@link #OPERATOR} key may, and an operator everything a {@link #VIEWER} may. Each route is
 * registered with the lowest role it needs; routes registered without a role
 * ({@code /health}, {@code /metrics}) need no key.
 *
 * <ul>
 *   <li>{@link #VIEWER}: reads (calls, bots, bookings, analytics, exports);</li>
 *   <li>{@link #OPERATOR}: runs the floor (places, hangs up and transfers calls; edits caller
 *       profiles and bookings);</li>
 *   <li>{@link #ADMIN}: configures the system (bots, numbers, trunks, SIP users, API keys).</li>
 * </ul>
 *
 * <p>Immutable.
 */
public enum ApiRole implements RouteRole {
    VIEWER,
    OPERATOR,
    ADMIN;

    /** Whether a key holding this role may call a route that requires {@code required}. */
    public boolean covers(ApiRole required) {
        return ordinal() >= required.ordinal();
    }
}
