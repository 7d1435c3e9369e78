package org.icldynamics.config;

/**
 * A config value outside its allowed range, thrown by a config record's compact constructor. {@code key} is the
 * record component's name; the binder turns it into the full dotted key with its file and line.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private final String key;
    private final String allowed;

    public InvalidSettingException(String key, Object value, String allowed) {
        super(key + " = " + value + ": must be " + allowed);
        this.key = key;
        this.allowed = allowed;
    }

    public String key() {
        return key;
    }

    public String allowed() {
        return allowed;
    }
}
