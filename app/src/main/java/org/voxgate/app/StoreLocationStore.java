package org.voxgate.app;

import java.time.Instant;
import java.util.List;
import org.voxgate.sip.location.Binding;
import org.voxgate.sip.location.LocationStore;
import org.voxgate.store.RegistrationRecord;
import org.voxgate.store.RegistrationRepository;

/**
 * The registrar's bindings kept in the store's {@code registrations} table.
 *
 * <p>Thread-safe; blocks on JDBC. Store failures surface as runtime exceptions, which the
 * location service logs while it keeps serving from memory.
 */
final class StoreLocationStore implements LocationStore {
    private final RegistrationRepository registrations;

    StoreLocationStore(RegistrationRepository registrations) {
        this.registrations = registrations;
    }

    @Override
    public List<Binding> loadAll() {
        return registrations.listAll().stream().map(r -> new Binding(r.aor(), r.contact(), r.receivedHost(),
                r.receivedPort(), r.transport(), r.expiresAt(), r.callId(), r.cseq(), r.userAgent(), r.q(),
                r.updatedAt())).toList();
    }

    @Override
    public void save(Binding b) {
        registrations.upsert(new RegistrationRecord(b.aor(), b.contact(), b.receivedHost(), b.receivedPort(),
                b.transport(), b.expiresAt(), b.callId(), b.cseq(), b.userAgent(), b.q(), b.updatedAt()));
    }

    @Override
    public void remove(String aor, String contact) {
        registrations.delete(aor, contact);
    }

    @Override
    public void removeExpired(Instant now) {
        registrations.deleteExpired(now);
    }
}
