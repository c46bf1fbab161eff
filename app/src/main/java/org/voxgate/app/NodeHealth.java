package org.voxgate.app;

import java.util.LinkedHashMap;
import java.util.Map;
import org.voxgate.admin.HealthCheck;
import org.voxgate.media.MediaEngine;
import org.voxgate.sip.SipServer;
import org.voxgate.store.Store;

/** Health of the node's parts for {@code GET /health}. Thread-safe: reads only. */
final class NodeHealth implements HealthCheck {
    private final SipServer sip;
    private final MediaEngine media;
    private final Store store;

    NodeHealth(SipServer sip, MediaEngine media, Store store) {
        this.sip = sip;
        this.media = media;
        this.store = store;
    }

    @Override
    public Map<String, Boolean> components() {
        Map<String, Boolean> components = new LinkedHashMap<>();
        components.put("sip", sip.isReady());
        components.put("rtp", media.isReady());
        components.put("store", store.isReady());
        return components;
    }
}
