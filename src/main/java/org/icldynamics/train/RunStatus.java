package org.icldynamics.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a training run ended; FAILED: its run directory vanished or could not be written (full disk). Written to
 * {@code summary.json} and the study tables as its {@link #word()}, and read back only through {@link #ofWord}.
 */
public enum RunStatus {
    COMPLETED, DIVERGED, INTERRUPTED, FAILED;

    /** The file word: {@code completed}, {@code diverged}, {@code interrupted}, {@code failed}. */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status whose {@link #word()} is {@code word}.
     *
     * @throws IllegalArgumentException naming the word and the known ones, for any other text
     */
    @JsonCreator
    public static RunStatus ofWord(String word) {
        for (RunStatus s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown run status '" + word + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(RunStatus::word).toList()) + ")");
    }
}
