package org.voxgate.admin;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import org.voxgate.store.Cidr;
import org.voxgate.store.PhoneNumbers;
import org.voxgate.store.StoreException;
import org.voxgate.store.Trunk;

/**
 * {@code /api/trunks}: list, read, create, replace and delete trunks, each shown with its live
 * state. Secrets are write-only: an inbound password is turned into HA1 hashes before it is
 * stored; the outbound secret is stored as given and never returned (views say only whether
 * one is set). A PUT without a secret keeps the stored one; an empty string clears it.
 *
 * <p>Stateless and thread-safe; handlers block on the store.
 */
final class TrunksApi {
    private static final Set<String> CODECS = Set.of("PCMU", "PCMA", "G722", "OPUS");

    private final Telephony telephony;
    private final JsonBodies bodies;
    private final PhoneNumbers numbers = new PhoneNumbers();

    TrunksApi(Telephony telephony, JsonBodies bodies) {
        this.telephony = telephony;
        this.bodies = bodies;
    }

    /** A trunk as posted: every setting, secrets included (write-only). */
    record TrunkInput(String name, String peerHost, Integer peerPort, String transport, List<String> inboundSources,
            String inboundUsername, String inboundPassword, String outboundUsername, String outboundSecret,
            Boolean register, Integer registerExpiry, String fromUser, String fromDomain, String defaultRegion,
            List<String> codecs, Integer maxCalls, Integer callsPerSecond, String defaultBot, Boolean enabled) {}

    /** A trunk as shown: no secret, no hash. */
    record TrunkView(String name, String peerHost, int peerPort, String transport, List<String> inboundSources,
            String inboundUsername, boolean inboundPasswordSet, String outboundUsername, boolean outboundSecretSet,
            boolean register, int registerExpiry, String fromUser, String fromDomain, String defaultRegion,
            List<String> codecs, int maxCalls, int callsPerSecond, String defaultBot, boolean enabled,
            TrunkLiveState live) {}

    void list(Context ctx) {
        ctx.json(telephony.trunks().list().stream().map(this::view).toList());
    }

    void get(Context ctx) {
        ctx.json(view(find(ctx.pathParam("name"))));
    }

    void create(Context ctx) {
        TrunkInput input = bodies.read(ctx, TrunkInput.class);
        Trunk trunk = toTrunk(input, input.name(), null);
        try {
            telephony.trunks().insert(trunk);
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                throw ApiError.conflict("name", "a trunk named " + trunk.name() + " already exists");
            }
            throw e;
        }
        telephony.trunksChanged().run();
        ctx.status(201).json(view(trunk));
    }

    void replace(Context ctx) {
        String name = ctx.pathParam("name");
        Trunk existing = find(name);
        TrunkInput input = bodies.read(ctx, TrunkInput.class);
        if (input.name() != null && !input.name().equals(name)) {
            throw ApiError.badRequest("name", "a trunk cannot be renamed; delete it and create another");
        }
        Trunk trunk = toTrunk(input, name, existing);
        if (!telephony.trunks().update(trunk)) {
            throw ApiError.notFound("no trunk named " + name);
        }
        telephony.trunksChanged().run();
        ctx.json(view(trunk));
    }

    void delete(Context ctx) {
        String name = ctx.pathParam("name");
        if (!telephony.trunks().delete(name)) {
            throw ApiError.notFound("no trunk named " + name);
        }
        telephony.trunksChanged().run();
        ctx.status(204);
    }

    private Trunk find(String name) {
        return telephony.trunks().find(name).orElseThrow(() -> ApiError.notFound("no trunk named " + name));
    }

    private TrunkView view(Trunk t) {
        return new TrunkView(t.name(), t.peerHost(), t.peerPort(), t.transport(), t.inboundSources(),
                t.inboundUsername(), t.inboundHa1Md5() != null || t.inboundHa1Sha256() != null, t.outboundUsername(),
                t.outboundSecret() != null, t.registerEnabled(), t.registerExpiry(), t.fromUser(), t.fromDomain(),
                t.defaultRegion(), t.codecs(), t.maxCalls(), t.callsPerSecond(), t.defaultBot(), t.enabled(),
                telephony.liveState().apply(t.name()));
    }

    /** Validates every field (errors name it) and builds the trunk, keeping stored secrets when none are sent. */
    private Trunk toTrunk(TrunkInput in, String name, Trunk existing) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw ApiError.badRequest("name", "name must be 1-64 letters, digits, '.', '-' or '_'");
        }
        String transport = in.transport() == null ? "udp" : in.transport().toLowerCase(java.util.Locale.ROOT);
        if (!transport.equals("udp") && !transport.equals("tcp")) {
            throw ApiError.badRequest("transport", "transport must be udp or tcp");
        }
        int port = in.peerPort() == null ? 5060 : in.peerPort();
        if (port < 1 || port > 65535) {
            throw ApiError.badRequest("peerPort", "peerPort must be between 1 and 65535");
        }
        String peerHost = blankToNull(in.peerHost());
        if (peerHost != null && !peerHost.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw ApiError.badRequest("peerHost", "peerHost must be a host name or IP address");
        }
        List<String> sources = in.inboundSources() == null ? List.of() : in.inboundSources();
        for (String source : sources) {
            try {
                Cidr.parse(source == null ? "" : source);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("inboundSources", e.getMessage());
            }
        }
        List<String> codecs = in.codecs() == null ? List.of("PCMU", "PCMA")
                : in.codecs().stream().map(c -> c == null ? "" : c.toUpperCase(java.util.Locale.ROOT)).toList();
        if (codecs.isEmpty() || !CODECS.containsAll(codecs)) {
            throw ApiError.badRequest("codecs", "codecs must list some of PCMU, PCMA, G722 and OPUS, most preferred first");
        }
        String region = in.defaultRegion() == null ? telephony.defaultRegion()
                : in.defaultRegion().toUpperCase(java.util.Locale.ROOT);
        if (!numbers.isKnownRegion(region)) {
            throw ApiError.badRequest("defaultRegion", "defaultRegion must be an ISO 3166 region such as US or GB");
        }
        int expiry = in.registerExpiry() == null ? 3600 : in.registerExpiry();
        if (expiry < 60 || expiry > 86_400) {
            throw ApiError.badRequest("registerExpiry", "registerExpiry must be 60-86400 seconds");
        }
        int maxCalls = in.maxCalls() == null ? 0 : in.maxCalls();
        if (maxCalls < 0) {
            throw ApiError.badRequest("maxCalls", "maxCalls must be 0 (no limit) or more");
        }
        int cps = in.callsPerSecond() == null ? 0 : in.callsPerSecond();
        if (cps < 0) {
            throw ApiError.badRequest("callsPerSecond", "callsPerSecond must be 0 (no limit) or more");
        }
        String bot = blankToNull(in.defaultBot());
        if (bot != null && !telephony.botExists().test(bot)) {
            throw ApiError.badRequest("defaultBot", "no bot named " + bot);
        }
        String inboundUser = blankToNull(in.inboundUsername());
        String md5 = null;
        String sha256 = null;
        if (in.inboundPassword() != null && !in.inboundPassword().isEmpty()) {
            if (inboundUser == null) {
                throw ApiError.badRequest("inboundUsername", "an inbound password needs an inboundUsername");
            }
            String[] hashes = telephony.hasher().ha1(inboundUser, in.inboundPassword());
            md5 = hashes[0];
            sha256 = hashes[1];
        } else if (in.inboundPassword() == null && existing != null
                && java.util.Objects.equals(existing.inboundUsername(), inboundUser)) {
            md5 = existing.inboundHa1Md5(); // the hashes are only good for the username they were made with
            sha256 = existing.inboundHa1Sha256();
        } else if (inboundUser != null && in.inboundPassword() == null) {
            throw ApiError.badRequest("inboundPassword", "a new inboundUsername needs its inboundPassword");
        }
        String secret = in.outboundSecret() == null ? (existing == null ? null : existing.outboundSecret())
                : blankToNull(in.outboundSecret());
        String outboundUser = blankToNull(in.outboundUsername());
        boolean register = Boolean.TRUE.equals(in.register());
        if (register && (peerHost == null || outboundUser == null || secret == null)) {
            throw ApiError.badRequest("register", "registration needs peerHost, outboundUsername and outboundSecret");
        }
        return new Trunk(name, peerHost, port, transport, sources, inboundUser, md5, sha256, outboundUser, secret,
                register, expiry, blankToNull(in.fromUser()), blankToNull(in.fromDomain()), region, codecs, maxCalls,
                cps, bot, in.enabled() == null || in.enabled());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
