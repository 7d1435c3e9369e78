package org.icldynamics.experiment.study;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentSpec;

/**
 * One run of a study: the swept values, the replicate's seed and the resolved config.
 *
 * @param index position in the study (grid order, seeds innermost)
 * @param values the swept values in the order of {@link StudyFile#sweptKeys()}, as shown in {@code study.csv}
 * @param id the run directory name: the first {@link #ID_LENGTH} hex digits of the SHA-256 of the resolved config
 * @param spec the resolved config with {@code train.threads} set to 1 (the thread count never changes results, so
 *             it is not part of a run's identity)
 */
public record StudyPoint(int index, List<String> values, ExperimentSpec spec, String id) {
    /** Hex digits of the run name. */
    public static final int ID_LENGTH = 12;

    public StudyPoint {
        values = List.copyOf(values);
    }

    /** The point with its run name ({@link #hash} of its config). */
    static StudyPoint of(int index, List<String> values, ExperimentSpec spec) {
        return new StudyPoint(index, values, spec, hash(spec));
    }

    public long seed() {
        return spec.seed();
    }

    /** The run name of a resolved config (with {@code train.threads: 1}). */
    public static String hash(ExperimentSpec spec) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(ConfigYaml.write(spec)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The config with {@code threads} kernel threads (same results, other speed). */
    public ExperimentSpec withThreads(int threads) {
        return ConfigYaml.parse(ConfigYaml.write(spec), "study point " + index, List.of("train.threads=" + threads));
    }
}
