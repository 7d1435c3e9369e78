package org.icldynamics.config;

/**
 * A bad config, with a one-line message naming where (file and line, or the {@code --set} override), the key and
 * what is allowed. The CLI prints the message and exits with code 2.
 */
public final class ConfigException extends RuntimeException {
    /** Longest message printed; longer ones (a pasted 100,000-character value) are cut. */
    public static final int MAX_LENGTH = 400;
    /** Longest echo of a value or override inside a message. */
    static final int MAX_VALUE = 80;

    public ConfigException(String message) {
        super(cut(message.replace('\n', ' '), MAX_LENGTH));
    }

    /** {@code s} cut to {@link #MAX_VALUE} characters, saying how long it was. */
    public static String shorten(String s) {
        return cut(s, MAX_VALUE);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 30) + "... (" + s.length() + " characters)";
    }

    /** {@code origin: key = value: what is allowed}, all on one line. */
    public static ConfigException at(String origin, String key, String problem) {
        String sep = problem.startsWith("=") ? " " : ": ";
        return new ConfigException(origin + ": " + shorten(key) + sep + problem.replace('\n', ' '));
    }
}
