package org.voxgate.app;

/** A configuration value is missing or wrong; the message names the key. */
final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) { super(message); }

    ConfigException(String message, Throwable cause) { super(message, cause); }
}
