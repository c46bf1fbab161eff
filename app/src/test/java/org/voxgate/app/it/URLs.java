package org.voxgate.app.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Path segments for the admin API (call ids carry '@'). */
final class URLs {
    private URLs() {}

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
