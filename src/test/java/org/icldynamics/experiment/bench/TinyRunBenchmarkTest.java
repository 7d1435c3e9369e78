package org.icldynamics.experiment.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyRunBenchmarkTest {
    /**
     * A stand-in for the CLI: {@code sweep STUDY --jobs J --out DIR} writes a study.csv with two completed runs and
     * one failed; {@code run TINY --set seed=I --out DIR} writes summary.json except for seed 2.
     */
    private static final String FAKE_CLI = """
            case "$1" in
              sweep) mkdir -p "$6"; printf 'run,seed,status,wall_seconds\\na,1,completed,1\\nb,2,completed,1\\nc,3,failed,1\\n' > "$6/study.csv"; cp "$2" "$6/seen.yaml" ;;
              run) mkdir -p "$6"; [ "$4" = seed=2 ] || echo '{}' > "$6/summary.json"; cp "$2" "$6/seen.yaml" ;;
            esac
            """;

    @Test
    void countsFinishedRunsOnBothSidesAndRatioIsTheQuotientOfTheRates(@TempDir Path tmp) throws Exception {
        TinyRunBenchmark.Result r = TinyRunBenchmark.run(List.of("bash", "-c", FAKE_CLI, "icl"), tmp, 3, 5, 2);
        assertEquals(3, r.runs());
        assertEquals(2, r.runsCompleted());
        assertEquals(5, r.sample());
        assertEquals(4, r.sampleCompleted()); // seed 2 wrote no summary
        assertTrue(r.seconds() > 0 && r.sampleSeconds() > 0);
        assertEquals(2 / (r.seconds() / 60), r.oneJvmRunsPerMinute(), 1e-12);
        assertEquals(4 / (r.sampleSeconds() / 60), r.jvmPerRunRunsPerMinute(), 1e-12);
        assertEquals(r.oneJvmRunsPerMinute() / r.jvmPerRunRunsPerMinute(), r.ratio(), 1e-12);
        assertTrue(r.dir().startsWith(tmp));
        String study = Files.readString(r.dir().resolve("sweep/seen.yaml"));
        assertEquals(TinyRunBenchmark.TINY_YAML + "sweep:\n  seeds: 3\n", study);
        for (int i = 1; i <= 5; i++) { // every sampled run got the tiny config and its own output directory
            assertEquals(TinyRunBenchmark.TINY_YAML, Files.readString(r.dir().resolve("loop/" + i + "/seen.yaml")));
        }
    }

    @Test
    void aMissingStudyCsvCountsNoFinishedRuns(@TempDir Path tmp) throws Exception {
        assertEquals(0, TinyRunBenchmark.completedInStudy(tmp.resolve("study.csv")));
        Files.writeString(tmp.resolve("s.csv"), "status,run\ncompleted,a\ndiverged,b\ncompleted,c\n");
        assertEquals(2, TinyRunBenchmark.completedInStudy(tmp.resolve("s.csv"))); // status in another column
    }
}
