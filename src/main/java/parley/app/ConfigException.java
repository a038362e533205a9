package parley.app;

/** A setting is missing, malformed or contradicts another; the message names the flag or variable, the value and what was expected. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
