package org.icldynamics.config;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Range checks for the compact constructors of config records; each throws {@link InvalidSettingException}. */
public final class Require {
    private Require() {
    }

    public static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw new InvalidSettingException(key, value, ">= " + min);
        }
    }

    public static void between(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidSettingException(key, value, "in " + min + ".." + max);
        }
    }

    public static void positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidSettingException(key, value, "a finite number > 0");
        }
    }

    public static void nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidSettingException(key, value, "a finite number >= 0");
        }
    }

    public static void inOpenUnit(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidSettingException(key, value, "in [0, 1)");
        }
    }

    /** An optional number: set, and when it holds a number, a finite number > 0. */
    public static void positive(String key, OptionalDouble value) {
        notNull(key, value);
        if (value.isPresent()) {
            positive(key, value.getAsDouble());
        }
    }

    /** An optional integer: set, and when it holds a number, at least {@code min}. */
    public static void atLeast(String key, OptionalInt value, long min) {
        notNull(key, value);
        if (value.isPresent()) {
            atLeast(key, value.getAsInt(), min);
        }
    }

    public static void notNull(String key, Object value) {
        if (value == null) {
            throw new InvalidSettingException(key, "null", "set");
        }
    }
}
