package dev.stockroom.config;

/** A configuration error: says which file, line and key, and what would be valid. Exit code 2. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
