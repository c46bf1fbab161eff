package org.voxgate.app;

/**
 * The {@code audiosocket} section: whether Voxgate accepts Asterisk AudioSocket connections,
 * where it listens, and which bot runs on them. Immutable; validated in {@link VoxgateConfig}.
 *
 * @param enabled whether the listener starts
 * @param bindAddress address to listen on
 * @param port TCP port
 * @param bot the bot run on every connection; empty for {@code bots.default}
 */
record AudioSocketConfig(boolean enabled, String bindAddress, int port, String bot) {
    static AudioSocketConfig from(ConfigTree tree) {
        String bind = tree.string("audiosocket.bind-address");
        if (bind.isEmpty()) {
            throw new ConfigException("audiosocket.bind-address must not be empty (VOXGATE_AUDIOSOCKET_BIND_ADDRESS)");
        }
        return new AudioSocketConfig(tree.bool("audiosocket.enabled"), bind, tree.integer("audiosocket.port", 0, 65535),
                tree.string("audiosocket.bot").toLowerCase(java.util.Locale.ROOT));
    }
}
