package org.voxgate.pipeline.cost;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per vendor and model, in US dollars. Immutable and thread-safe; {@link #with} returns
 * a new table.
 *
 * <p>Lookup, case-insensitive: the exact model; else the longest configured model name that the
 * model starts with followed by {@code -} (so {@code aura-2} prices {@code aura-2-thalia-en} and
 * {@code claude-haiku-4-5} prices {@code claude-haiku-4-5-20251001}); else the vendor's
 * {@code *} entry; else none.
 *
 * <p>{@link #defaults()} holds the list prices of PROTOCOLS.md section 9 (November 2026); they
 * change often, which is why configuration can replace or add any entry.
 */
public final class PricingTable {

    /** The model name that prices every model of a vendor without an entry of its own. */
    public static final String ANY_MODEL = "*";

    private final Map<String, Map<String, ModelPrice>> byVendor;

    private PricingTable(Map<String, Map<String, ModelPrice>> byVendor) {
        this.byVendor = byVendor;
    }

    /** A table without any price. */
    public static PricingTable empty() {
        return new PricingTable(Map.of());
    }

    /** The list prices the project ships with. */
    public static PricingTable defaults() {
        ModelPrice gptRealtime = ModelPrice.tokens("4", "0.40", "16").withAudio("32", "0.40", "64");
        ModelPrice gemini = ModelPrice.tokens("0.50", null, "2.00").withAudio("3.00", null, "12.00");
        return empty()
                .with("deepgram", "nova-3", ModelPrice.perMinute("0.0048"))
                .with("deepgram", "aura-2", ModelPrice.perMillionCharacters("30"))
                .with("deepgram", "aura", ModelPrice.perMillionCharacters("15"))
                .with("elevenlabs", "eleven_flash_v2_5", ModelPrice.perMillionCharacters("50"))
                .with("elevenlabs", "eleven_turbo_v2_5", ModelPrice.perMillionCharacters("50"))
                .with("elevenlabs", "eleven_multilingual_v2", ModelPrice.perMillionCharacters("100"))
                .with("elevenlabs", "eleven_v3", ModelPrice.perMillionCharacters("100"))
                .with("openai", "gpt-realtime", gptRealtime)
                .with("openai", "gpt-realtime-1.5", gptRealtime)
                .with("openai", "gpt-realtime-mini", ModelPrice.tokens("0.60", null, "2.40").withAudio("10", "0.30", "20"))
                .with("openai", "gpt-4o-realtime-preview", ModelPrice.tokens("5", null, "20").withAudio("40", null, "80"))
                .with("openai", "gpt-realtime-whisper", ModelPrice.perMinute("0.017"))
                .with("openai", "gpt-4o-mini", ModelPrice.tokens("0.15", null, "0.60"))
                .with("openai", "gpt-4o", ModelPrice.tokens("2.50", null, "10"))
                .with("anthropic", "claude-haiku-4-5", ModelPrice.tokens("1", "0.10", "5"))
                .with("anthropic", "claude-sonnet-4-5", ModelPrice.tokens("3", "0.30", "15"))
                .with("google", "gemini-2.5-flash-native-audio", gemini)
                .with("gemini", "gemini-2.5-flash-native-audio", gemini)
                .with("local", ANY_MODEL, ModelPrice.FREE)
                .with("offline", ANY_MODEL, ModelPrice.FREE)
                .with("pocketsphinx", ANY_MODEL, ModelPrice.FREE)
                .with("espeak", ANY_MODEL, ModelPrice.FREE)
                .with("espeak-ng", ANY_MODEL, ModelPrice.FREE);
    }

    /** This table with the entry of {@code vendor}/{@code model} set to {@code price}. */
    public PricingTable with(String vendor, String model, ModelPrice price) {
        Map<String, Map<String, ModelPrice>> copy = new HashMap<>();
        byVendor.forEach((v, models) -> copy.put(v, new HashMap<>(models)));
        copy.computeIfAbsent(key(vendor), v -> new HashMap<>()).put(key(model), price);
        copy.replaceAll((v, models) -> Map.copyOf(models));
        return new PricingTable(Map.copyOf(copy));
    }

    /**
     * This table with {@code override}'s set fields replacing those of the exact
     * {@code vendor}/{@code model} entry (which is added when missing).
     */
    public PricingTable overriding(String vendor, String model, ModelPrice override) {
        ModelPrice base = byVendor.getOrDefault(key(vendor), Map.of()).getOrDefault(key(model), ModelPrice.NONE);
        return with(vendor, model, base.overriddenBy(override));
    }

    /** The price of a model, as the class comment describes the lookup. */
    public Optional<ModelPrice> find(String vendor, String model) {
        Map<String, ModelPrice> models = byVendor.get(key(vendor));
        if (models == null) {
            return Optional.empty();
        }
        String m = key(model);
        ModelPrice exact = models.get(m);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String candidate : models.keySet()) {
            if (m.startsWith(candidate + "-") && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best != null ? models.get(best) : models.get(ANY_MODEL));
    }

    private static String key(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
