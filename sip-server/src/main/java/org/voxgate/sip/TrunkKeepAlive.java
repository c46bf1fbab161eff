package org.voxgate.sip;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OPTIONS keep-alive to every enabled trunk with a peer, once per tick: a trunk is up on the
 * first answer and down after {@code optionsFailuresDown} probes in a row get none (a probe
 * still unanswered at the next tick counts as missed). Any answer but 408 and 503 counts: a
 * carrier that says 404 or 405 to OPTIONS is still there. State is exposed per trunk and as
 * the gauge {@code voxgate_trunk_up{trunk}} (1 up, 0 down, NaN before the first result).
 *
 * <p>Threading: {@link #tick} runs on one SIP worker at a time (the monitor's schedule);
 * answers arrive on other workers; each trunk's state is guarded by its own lock.
 */
final class TrunkKeepAlive {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkKeepAlive.class);

    private final SipContext sip;
    private final MeterRegistry registry;
    private final int failuresDown;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();

    TrunkKeepAlive(SipContext sip, MeterRegistry registry, int failuresDown) {
        this.sip = sip;
        this.registry = registry;
        this.failuresDown = failuresDown;
    }

    /** Probes every peer once; forgets trunks no longer listed. */
    void tick(List<TrunkPeer> peers) {
        Set<String> names = peers.stream().map(TrunkPeer::name).collect(Collectors.toSet());
        for (String gone : Set.copyOf(probes.keySet())) {
            if (!names.contains(gone)) {
                Probe probe = probes.remove(gone);
                registry.remove(probe.gauge);
            }
        }
        for (TrunkPeer peer : peers) {
            probes.computeIfAbsent(peer.name(), this::newProbe).send(peer);
        }
    }

    /** {@code up}, {@code down} or {@code unknown}, with the last answer. */
    Probe probe(String trunk) { return probes.get(trunk); }

    private Probe newProbe(String trunk) {
        Probe probe = new Probe(trunk);
        probe.gauge = Gauge.builder("voxgate.trunk.up", probe, Probe::gaugeValue)
                .description("Trunk reachable by OPTIONS: 1 up, 0 down").tag("trunk", trunk).register(registry);
        return probe;
    }

    /** One trunk's keep-alive state and its probe in flight. */
    final class Probe {
        private final String trunk;
        private Gauge gauge;
        private String state = "unknown";
        private int misses;
        private Integer lastStatus;
        private Instant lastAt;
        private Object inFlight;

        Probe(String trunk) {
            this.trunk = trunk;
        }

        synchronized String state() { return state; }

        synchronized Integer lastStatus() { return lastStatus; }

        synchronized Instant lastAt() { return lastAt; }

        private synchronized double gaugeValue() {
            return switch (state) {
                case "up" -> 1;
                case "down" -> 0;
                default -> Double.NaN;
            };
        }

        void send(TrunkPeer peer) {
            Object token = new Object();
            synchronized (this) {
                if (inFlight != null) {
                    missed(null);
                }
                inFlight = token;
            }
            try {
                URI uri = sip.addresses.createURI(peer.uri());
                Request options = sip.clientRequests.create(Request.OPTIONS, uri,
                        sip.clientRequests.address("voxgate", sip.config.advertisedHost()),
                        sip.addresses.createAddress((URI) uri.clone()),
                        sip.provider.getNewCallId().getCallId(), 1);
                ClientTransaction tx = sip.provider.getNewClientTransaction(options);
                tx.setApplicationData(new ClientTransactionListener() {
                    @Override
                    public void onResponse(ResponseEvent event) {
                        int status = event.getResponse().getStatusCode();
                        if (status >= 200) {
                            answered(token, status);
                        }
                    }

                    @Override
                    public void onTimeout() {
                        timedOut(token);
                    }
                });
                tx.sendRequest();
                sip.metrics.requestSent(Request.OPTIONS);
            } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
                LOG.debug("OPTIONS to trunk {} could not be sent: {}", trunk, e.toString());
                timedOut(token);
            }
        }

        private void answered(Object token, int status) {
            synchronized (this) {
                if (inFlight != token) {
                    return;
                }
                inFlight = null;
                lastAt = sip.clock.instant();
                lastStatus = status;
                if (status == 408 || status == 503) {
                    missed(status);
                    return;
                }
                misses = 0;
                if (!"up".equals(state)) {
                    LOG.info("trunk {} is up (OPTIONS answered {})", trunk, status);
                }
                state = "up";
            }
        }

        private void timedOut(Object token) {
            synchronized (this) {
                if (inFlight == token) {
                    inFlight = null;
                    lastAt = sip.clock.instant();
                    lastStatus = null;
                    missed(null);
                }
            }
        }

        /** Under the lock. */
        private void missed(Integer status) {
            misses++;
            if (misses >= failuresDown && !"down".equals(state)) {
                LOG.warn("trunk {} is down: {} OPTIONS in a row unanswered{}", trunk, misses,
                        status == null ? "" : " (last " + status + ")");
                state = "down";
            }
        }
    }
}
