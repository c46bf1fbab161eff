package org.voxgate.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.voxgate.media.Codec;

/**
 * Which codecs a call may use, most preferred first: the node's default ({@code rtp.codecs}),
 * per bot ({@code bots.codecs.<bot>}) and per trunk (the trunk's {@code codecs}, from the
 * store). Used for the codec list of calls we place and for the answer to calls we take (the
 * answer picks by this order among what the offer has; see
 * {@link org.voxgate.media.sdp.SdpNegotiator}).
 *
 * <p>How they combine: a trunk's list says what the carrier link may carry, a bot's list what
 * the bot prefers. So a call through a trunk uses the bot's list, in the bot's order, keeping
 * only what the trunk allows; the trunk's own list when the bot has none or nothing of it is
 * allowed (the call must still connect). Without a trunk: the bot's list, else the node's.
 *
 * <p>Threading: immutable.
 *
 * @param node the node's default order
 * @param perBot lists by lower-case bot name
 */
record CodecPreferences(List<Codec> node, Map<String, List<Codec>> perBot) {
    /** {@code rtp.codecs} when not configured. */
    static final CodecPreferences DEFAULT = new CodecPreferences(Codec.DEFAULT_PREFERENCE, Map.of());

    CodecPreferences {
        if (node.isEmpty()) {
            throw new ConfigException("rtp.codecs must list at least one codec");
        }
        node = List.copyOf(node);
        perBot = Map.copyOf(perBot);
    }

    /**
     * @param bot the call's bot (any case)
     * @param trunkCodecs the trunk's codec names (PCMU, PCMA, G722, OPUS), or {@code null} when the
     *     call does not go through a trunk
     */
    List<Codec> choose(String bot, List<String> trunkCodecs) {
        List<Codec> botList = bot == null ? null : perBot.get(bot.toLowerCase(Locale.ROOT));
        if (trunkCodecs == null) {
            return botList != null ? botList : node;
        }
        List<Codec> trunkList = trunkCodecs.stream().map(Codec::parse).toList();
        if (botList == null) {
            return trunkList;
        }
        List<Codec> both = botList.stream().filter(trunkList::contains).toList();
        return both.isEmpty() ? trunkList : both;
    }

    /**
     * Parses a codec list from the config; errors name the key.
     *
     * @throws ConfigException on an empty list, an unknown name or a repeated one
     */
    static List<Codec> parse(String key, List<String> names) {
        List<Codec> out = new ArrayList<>();
        for (String name : names) {
            Codec codec;
            try {
                codec = Codec.parse(name);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + ": " + e.getMessage());
            }
            if (out.contains(codec)) {
                throw new ConfigException(key + " lists " + name + " twice");
            }
            out.add(codec);
        }
        if (out.isEmpty()) {
            throw new ConfigException(key + " must list at least one of pcmu, pcma, opus");
        }
        return List.copyOf(out);
    }
}
