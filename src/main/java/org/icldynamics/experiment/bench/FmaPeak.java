package org.icldynamics.experiment.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's f64 fused-multiply-add peak, the denominator of "share of the FLOP peak" in issue 16's targets. The
 * peak is measured, not looked up: {@code bench/fma_peak.c} (12 independent FMA chains per thread on the widest
 * vectors {@code -march=native} targets, FLOPs per CPU-second of each thread, summed) is compiled by the C compiler
 * {@code cc} into a temporary directory and run. Without {@code cc} the peak is unknown and the reason is kept.
 * Because every thread divides by its own CPU time, other jobs on the machine do not lower the figure.
 */
public final class FmaPeak {
    public static final String SOURCE = "fma_peak.c";
    static final String PREFIX = "fma_peak_gflops:";

    /** @param gflops the peak in GFLOP/s over {@code threads} cores, NaN when unknown; {@code status} "ok" or why not */
    public record Result(double gflops, int threads, String status) {
        public boolean known() {
            return status.equals("ok");
        }

        /** {@code measured} as a share of the peak, NaN when the peak is unknown. */
        public double share(double measuredGflops) {
            return known() ? measuredGflops / gflops : Double.NaN;
        }
    }

    private FmaPeak() {
    }

    /**
     * Builds the program once and runs it at each thread count.
     *
     * @param benchDir the directory holding {@value #SOURCE} (the project's {@code bench/})
     * @param seconds CPU seconds per thread
     * @return one result per entry of {@code threadCounts}, in order; all unknown, with the reason, when the program
     *     cannot be built
     */
    public static List<Result> measure(Path benchDir, double seconds, int... threadCounts) {
        Path source = benchDir.resolve(SOURCE);
        if (!Files.isRegularFile(source)) {
            return unknown("not found: " + source, threadCounts);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("icl-fma-peak");
            Path exe = dir.resolve("fma_peak");
            String compiled = run(List.of("cc", "-O2", "-march=native", "-pthread", source.toString(), "-o",
                    exe.toString()));
            if (!Files.isExecutable(exe)) {
                return unknown("cc could not build " + source + ": " + compiled.strip(), threadCounts);
            }
            List<Result> results = new ArrayList<>();
            for (int threads : threadCounts) {
                results.add(new Result(parse(run(List.of(exe.toString(), "" + threads, "" + seconds))), threads, "ok"));
            }
            return results;
        } catch (IOException e) {
            return unknown("no C compiler (cc) to build " + source + ": " + e.getMessage(), threadCounts);
        } catch (IllegalStateException e) {
            return unknown(e.getMessage(), threadCounts);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static List<Result> unknown(String why, int... threadCounts) {
        return Arrays.stream(threadCounts).mapToObj(t -> new Result(Double.NaN, t, why)).toList();
    }

    /** The GFLOP/s in the program's output. */
    static double parse(String output) {
        for (String line : output.split("\n")) {
            if (line.startsWith(PREFIX)) {
                return Double.parseDouble(line.substring(PREFIX.length()).trim());
            }
        }
        throw new IllegalStateException("fma_peak printed no '" + PREFIX + "' line: " + output.strip());
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 300 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory left behind costs nothing
        }
    }
}
