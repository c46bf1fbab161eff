package org.voxgate.sip;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every keep-alive period: reads the enabled trunks from the {@link TrunkDirectory} (so API
 * changes take effect within one period), pings each with OPTIONS, and starts, restarts or
 * stops carrier registrations to match. Answers {@link #health} for the API.
 *
 * <p>Threading: the periodic work runs on a SIP worker, never two at once; {@link #health}
 * is thread-safe.
 */
final class CarrierMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierMonitor.class);

    private final SipContext sip;
    private final TrunkKeepAlive keepAlive;
    private final Map<String, CarrierRegistration> registrations = new ConcurrentHashMap<>();
    private final Object tickLock = new Object();
    private ScheduledFuture<?> schedule;

    CarrierMonitor(SipContext sip, MeterRegistry registry) {
        this.sip = sip;
        this.keepAlive = new TrunkKeepAlive(sip, registry, sip.carrier.optionsFailuresDown());
    }

    void start() {
        long period = sip.carrier.optionsInterval().toMillis();
        schedule = sip.timers.scheduleAtFixedRate(() -> sip.workers.execute(this::tick), 0, period,
                TimeUnit.MILLISECONDS);
    }

    private void tick() {
        synchronized (tickLock) {
            List<TrunkPeer> peers;
            try {
                peers = sip.trunks.peers();
            } catch (RuntimeException e) {
                LOG.warn("could not read the trunks; keeping the last keep-alive state: {}", e.toString());
                return;
            }
            keepAlive.tick(peers);
            reconcile(peers);
        }
    }

    private void reconcile(List<TrunkPeer> peers) {
        Map<String, TrunkPeer> wanted = peers.stream().filter(TrunkPeer::register)
                .collect(Collectors.toMap(TrunkPeer::name, p -> p, (a, b) -> a));
        for (String name : Set.copyOf(registrations.keySet())) {
            TrunkPeer peer = wanted.get(name);
            CarrierRegistration current = registrations.get(name);
            if (peer == null || !peer.registrationKey().equals(current.peer().registrationKey())) {
                registrations.remove(name);
                current.stop();
            }
        }
        for (TrunkPeer peer : wanted.values()) {
            registrations.computeIfAbsent(peer.name(), n -> {
                CarrierRegistration r = new CarrierRegistration(sip, peer, sip.carrier);
                r.start();
                return r;
            });
        }
    }

    /** What is known of a trunk's far end now. */
    TrunkHealth health(String trunk) {
        TrunkKeepAlive.Probe probe = keepAlive.probe(trunk);
        CarrierRegistration registration = registrations.get(trunk);
        return new TrunkHealth(
                probe == null ? "unknown" : probe.state(),
                probe == null ? null : probe.lastStatus(),
                probe == null ? null : probe.lastAt(),
                registration == null ? "disabled" : registration.state(),
                registration == null ? null : registration.lastStatus(),
                registration == null ? null : registration.registeredUntil());
    }

    /** Stops the schedule and removes every carrier registration (best effort). */
    @Override
    public void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        synchronized (tickLock) {
            registrations.values().forEach(CarrierRegistration::stop);
            registrations.clear();
        }
    }
}
