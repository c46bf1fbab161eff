package org.voxgate.app;

import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.Bot;
import org.voxgate.pipeline.BotSession;
import org.voxgate.pipeline.CallContext;

/**
 * THE SEAM between stored skillbases and running bots, until the skillbase runtime
 * ({@code SkillbaseBots}: greeting, flow, tools, voice and LLM from the document) replaces it
 * in {@link Node}: every stored bot runs as the given existing bot (the echo bot) under its
 * own name, so routing, versioning and call records of stored bots work end to end and say
 * plainly in the log that the document is not interpreted yet.
 *
 * <p>Stateless and thread-safe; the bots it returns delegate to the shared {@code runAs} bot,
 * which runs many calls at once.
 */
final class StandInSkillbaseBots implements Function<SkillbaseVersion, Bot> {
    private static final Logger LOG = LoggerFactory.getLogger(StandInSkillbaseBots.class);

    private final Bot runAs;

    StandInSkillbaseBots(Bot runAs) {
        this.runAs = Objects.requireNonNull(runAs, "runAs");
    }

    @Override
    public Bot apply(SkillbaseVersion version) {
        LOG.warn("bot {} v{}: the skillbase runtime is not wired in yet; calls to it run the {} bot",
                version.name(), version.version(), runAs.name());
        return new Bot() {
            @Override
            public String name() {
                return version.name();
            }

            @Override
            public BotSession open(CallContext call) {
                return runAs.open(call);
            }
        };
    }
}
