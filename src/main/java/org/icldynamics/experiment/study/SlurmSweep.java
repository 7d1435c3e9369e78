package org.icldynamics.experiment.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A study on Slurm: one job array over the points of {@code STUDY_DIR/study.yaml}, {@code runsPerTask} points per
 * array task, each task one JVM running {@code icl sweep --worker DIR --task $SLURM_ARRAY_TASK_ID} (points
 * {@code [task K, (task + 1) K)}, one after the other, on {@code cpusPerTask} cores). The run directories make it
 * safe: a task that is cancelled, preempted or requeued skips its finished runs and resumes the others from their
 * checkpoints, and the per-run lock ({@link PointRun}) keeps two processes off one run. The job ids are appended to
 * {@code STUDY_DIR/slurm/jobs}; the script and the task logs are under {@code STUDY_DIR/slurm/}. The study directory
 * must be on a filesystem every node sees.
 *
 * @param partition null for the cluster's default
 * @param time null for the partition's default
 */
public record SlurmSweep(String partition, String time, int cpusPerTask, int runsPerTask) {
    public static final String JOBS = "jobs";

    public SlurmSweep {
        if (cpusPerTask < 1 || runsPerTask < 1) {
            throw new org.icldynamics.config.ConfigException("--cpus-per-task " + cpusPerTask
                    + " --runs-per-task " + runsPerTask + ": both must be >= 1");
        }
    }

    /** Array tasks for {@code points} points. */
    public int tasks(int points) {
        return (points + runsPerTask - 1) / runsPerTask;
    }

    /** The points of array task {@code task}: {@code [from, to)}. */
    public static int[] range(int task, int runsPerTask, int points) {
        int from = Math.min(points, task * runsPerTask);
        return new int[] {from, Math.min(points, from + runsPerTask)};
    }

    /**
     * Submits the array for the prepared study in {@code dir}; returns the job id.
     *
     * @param launcher the command that starts {@code icl} on a node (java, its options, class path, main class)
     */
    public String submit(Study study, Path dir, List<String> launcher) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("sweep", "--worker", abs.toString(), "--runs-per-task", Integer.toString(runsPerTask)));
        String line = cmd.stream().map(SlurmArrayJob::shellQuote).collect(Collectors.joining(" "))
                + " --task \"$SLURM_ARRAY_TASK_ID\"";
        Path slurm = abs.resolve("slurm");
        SlurmArrayJob job;
        try {
            job = new SlurmArrayJob("icl-" + study.file().name(), partition, time, cpusPerTask, 0,
                    tasks(study.points().size()) - 1, 0, List.of(), slurm, abs, line);
        } catch (IllegalArgumentException e) {
            throw new org.icldynamics.config.ConfigException(e.getMessage());
        }
        String id = job.submit(slurm.resolve("sweep.sbatch"));
        Files.writeString(slurm.resolve(JOBS), id + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return id;
    }

    /** The newest job id submitted for the study in {@code dir}, or null. */
    public static String lastJob(Path dir) throws IOException {
        Path f = dir.resolve("slurm").resolve(JOBS);
        if (!Files.exists(f)) {
            return null;
        }
        List<String> ids = Files.readAllLines(f).stream().filter(s -> s.matches("\\d+")).toList();
        return ids.isEmpty() ? null : ids.get(ids.size() - 1);
    }
}
