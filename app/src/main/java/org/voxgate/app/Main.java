package org.voxgate.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts one Voxgate node: {@code java -jar voxgate.jar [--config conf/voxgate.yaml]}.
 *
 * <p>Configuration errors print one line naming the key and exit with status 2; SIGTERM and
 * Ctrl-C end calls in progress with BYE, record them, and exit.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        VoxgateConfig config;
        try {
            config = VoxgateConfig.from(ConfigTree.load(configFile(args, System.getenv()), System.getenv()));
        } catch (ConfigException e) {
            System.err.println("voxgate: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Logback reads these when the first logger is created, so set them before any logging.
        System.setProperty("voxgate.log.format", config.logFormat().toUpperCase(java.util.Locale.ROOT));
        System.setProperty("voxgate.log.level", config.logLevel());
        Node node = new Node(config);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "voxgate-shutdown"));
        try {
            node.start();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("start-up failed: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    private static Path configFile(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) {
                return Path.of(args[i + 1]);
            }
        }
        String fromEnv = env.get("VOXGATE_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }
}
