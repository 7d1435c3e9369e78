package org.icldynamics.experiment;

/**
 * A bad config, with a one-line message naming where (file and line, or the {@code --set} override), the key and
 * what is allowed. The CLI prints the message and exits with code 2.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    /** {@code origin: key = value: what is allowed}, all on one line. */
    static ConfigException at(String origin, String key, String problem) {
        String sep = problem.startsWith("=") ? " " : ": ";
        return new ConfigException(origin + ": " + key + sep + problem.replace('\n', ' '));
    }
}
