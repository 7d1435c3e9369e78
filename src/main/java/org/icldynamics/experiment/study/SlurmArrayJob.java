package org.icldynamics.experiment.study;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Slurm job array: its {@code sbatch} script, and the few Slurm commands a sweep needs (submit, read task states,
 * cancel one task, requeue it). Only {@code sbatch}, {@code scontrol} and {@code scancel} are used, so no accounting
 * database ({@code sacct}) is needed.
 *
 * <p>Every task runs {@code command}, a shell line that tells the tasks apart by {@code $SLURM_ARRAY_TASK_ID}; a
 * requeued task runs it again from the start with {@code $SLURM_RESTART_COUNT} raised, so the command must be
 * idempotent (run directories that skip finished runs and resume from checkpoints are). Output of every run of a
 * task is appended to {@code logDir/NAME-JOB_TASK.out}.
 *
 * @param name job name (letters, digits, {@code _ . -})
 * @param partition partition, or null for the cluster's default
 * @param time time limit per task in a form Slurm accepts ({@code MM}, {@code HH:MM:SS}, {@code D-HH:MM}, ...), or
 *     null for the partition's default
 * @param cpusPerTask CPUs per task, at least 1
 * @param firstTask first array index, at least 0
 * @param lastTask last array index, at least {@code firstTask}
 * @param maxRunning at most this many tasks at once ({@code %N}), or 0 for no limit
 * @param extraOptions further {@code sbatch} options, one {@code #SBATCH} line each (e.g. {@code --mem=4G},
 *     {@code --account=A})
 * @param logDir directory for the tasks' output files (created when the script is written)
 * @param workDir the tasks' working directory
 * @param command shell line run by every task
 */
public record SlurmArrayJob(String name, String partition, String time, int cpusPerTask, int firstTask,
        int lastTask, int maxRunning, List<String> extraOptions, Path logDir, Path workDir, String command) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern TIME = Pattern.compile(
            "\\d+|\\d+:\\d{1,2}|\\d+:\\d{1,2}:\\d{1,2}|\\d+-\\d+|\\d+-\\d+:\\d{1,2}|\\d+-\\d+:\\d{1,2}:\\d{1,2}");
    private static final long COMMAND_SECONDS = 60;

    public SlurmArrayJob {
        require(NAME.matcher(name).matches(), "name", name, "letters, digits, '_', '.', '-'");
        require(partition == null || NAME.matcher(partition).matches(), "partition", partition,
                "letters, digits, '_', '.', '-'");
        require(time == null || TIME.matcher(time).matches(), "time", time,
                "MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS");
        require(cpusPerTask >= 1, "cpus-per-task", cpusPerTask, ">= 1");
        require(firstTask >= 0 && lastTask >= firstTask, "array", firstTask + "-" + lastTask,
                "0 <= first <= last");
        require(maxRunning >= 0, "max-running", maxRunning, ">= 0");
        extraOptions = List.copyOf(extraOptions);
        for (String o : extraOptions) {
            require(o.startsWith("--") && !o.contains("\n"), "sbatch option", o, "one '--option[=value]'");
        }
        logDir = logDir.toAbsolutePath().normalize();
        workDir = workDir.toAbsolutePath().normalize();
        require(!logDir.toString().matches(".*[\\s%].*"), "logDir", logDir, "a path without blanks or '%'");
        require(!workDir.toString().matches(".*[\\s%].*"), "workDir", workDir, "a path without blanks or '%'");
        require(!command.isBlank() && !command.contains("\n"), "command", command, "one non-empty shell line");
    }

    private static void require(boolean ok, String key, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("slurm " + key + " = " + value + ": must be " + allowed);
        }
    }

    /** The {@code sbatch} script. */
    public String script() {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=").append(name).append('\n');
        if (partition != null) {
            s.append("#SBATCH --partition=").append(partition).append('\n');
        }
        if (time != null) {
            s.append("#SBATCH --time=").append(time).append('\n');
        }
        s.append("#SBATCH --cpus-per-task=").append(cpusPerTask).append('\n');
        s.append("#SBATCH --array=").append(firstTask).append('-').append(lastTask)
                .append(maxRunning > 0 ? "%" + maxRunning : "").append('\n');
        s.append("#SBATCH --requeue\n");
        s.append("#SBATCH --open-mode=append\n");
        s.append("#SBATCH --output=").append(logDir.resolve(name + "-%A_%a.out")).append('\n');
        s.append("#SBATCH --chdir=").append(workDir).append('\n');
        for (String o : extraOptions) {
            s.append("#SBATCH ").append(o).append('\n');
        }
        s.append("# Written by icl-dynamics. Each array task runs the line below; a requeued task runs it again.\n");
        s.append("set -euo pipefail\n");
        s.append("echo \"icl: job ${SLURM_ARRAY_JOB_ID} task ${SLURM_ARRAY_TASK_ID} restart ${SLURM_RESTART_COUNT:-0}")
                .append(" on $(hostname) at $(date -u +%Y-%m-%dT%H:%M:%SZ)\"\n");
        s.append(command).append('\n');
        return s.toString();
    }

    /** Writes {@link #script()} to {@code file} (executable) and creates {@code logDir}. */
    public Path writeScript(Path file) throws IOException {
        Files.createDirectories(logDir);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, script(), StandardCharsets.UTF_8);
        file.toFile().setExecutable(true);
        return file;
    }

    /** Writes the script to {@code file}, submits it and returns the array's job id. */
    public String submit(Path file) throws IOException {
        writeScript(file);
        String out = run(List.of("sbatch", "--parsable", file.toAbsolutePath().toString())).strip();
        String id = out.contains(";") ? out.substring(0, out.indexOf(';')) : out;
        if (!id.matches("\\d+")) {
            throw new SlurmCommandException("sbatch answered '" + out + "', not a job id");
        }
        return id;
    }

    /**
     * The array's tasks by index, as long as the controller remembers the job (MinJobAge after it ends); empty once
     * it has forgotten it (then the run directories tell what was done).
     */
    public static List<SlurmTaskState> tasks(String jobId) {
        String out;
        try {
            out = run(List.of("scontrol", "-o", "show", "job", jobId));
        } catch (SlurmCommandException e) {
            if (e.getMessage().contains("Invalid job id")) {
                return List.of();
            }
            throw e;
        }
        TreeMap<Integer, SlurmTaskState> byTask = new TreeMap<>();
        for (String line : out.split("\n")) {
            String ids = field(line, "ArrayTaskId");
            if (ids == null) {
                continue;
            }
            String state = field(line, "JobState");
            String reason = field(line, "Reason");
            String restarts = field(line, "Restarts");
            String exit = field(line, "ExitCode");
            for (int t : expandTaskIds(ids)) {
                byTask.put(t, new SlurmTaskState(t, state == null ? "UNKNOWN" : state,
                        reason == null ? "None" : reason, restarts == null ? 0 : Integer.parseInt(restarts),
                        exit == null ? "" : exit));
            }
        }
        return List.copyOf(byTask.values());
    }

    /** The state of one task, or null when the controller does not know it. */
    public static SlurmTaskState task(String jobId, int task) {
        for (SlurmTaskState s : tasks(jobId)) {
            if (s.task() == task) {
                return s;
            }
        }
        return null;
    }

    /** Cancels one array task ({@code scancel JOB_TASK}). */
    public static void cancel(String jobId, int task) {
        run(List.of("scancel", jobId + "_" + task));
    }

    /**
     * Requeues one array task and makes it eligible at once: {@code scontrol requeue JOB_TASK} (retried for a few
     * seconds while a cancelled task is still completing), then {@code scontrol update JobId=JOB_TASK
     * StartTime=now}, without which a requeued task waits about two minutes.
     */
    public static void requeue(String jobId, int task) throws InterruptedException {
        String spec = jobId + "_" + task;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                run(List.of("scontrol", "requeue", spec));
                break;
            } catch (SlurmCommandException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
        run(List.of("scontrol", "update", "JobId=" + spec, "StartTime=now"));
    }

    /** True when {@code sinfo} answers within a few seconds and lists a node that is up. */
    public static boolean clusterAnswers() {
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 && out.matches("(?s).*\\b(idle|mixed|allocated)\\b.*");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code s} quoted for a POSIX shell, to build {@code command} from paths and arguments. */
    public static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./=:,+@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Indices of an {@code ArrayTaskId} field: {@code 3}, {@code 2-4}, {@code 1,3,5-7%2}. */
    static List<Integer> expandTaskIds(String ids) {
        String body = ids.contains("%") ? ids.substring(0, ids.indexOf('%')) : ids;
        List<Integer> out = new ArrayList<>();
        for (String part : body.split(",")) {
            Matcher m = Pattern.compile("(\\d+)(?:-(\\d+))?(?::(\\d+))?").matcher(part);
            if (!m.matches()) {
                throw new SlurmCommandException("unexpected ArrayTaskId '" + ids + "' from scontrol");
            }
            int a = Integer.parseInt(m.group(1));
            int b = m.group(2) == null ? a : Integer.parseInt(m.group(2));
            int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            for (int t = a; t <= b; t += step) {
                out.add(t);
            }
        }
        return out;
    }

    private static String field(String line, String key) {
        Matcher m = Pattern.compile("(?:^|\\s)" + key + "=(\\S+)").matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /** Runs a Slurm command, returns its stdout; a non-zero exit or a hang becomes a one-line exception. */
    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            byte[][] streams = new byte[2][];
            Thread out0 = Thread.ofVirtual().start(() -> streams[0] = readAll(p.getInputStream()));
            Thread err = Thread.ofVirtual().start(() -> streams[1] = readAll(p.getErrorStream()));
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SlurmCommandException(String.join(" ", cmd) + ": no answer in " + COMMAND_SECONDS + " s");
            }
            out0.join();
            err.join();
            String out = new String(streams[0], StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String msg = new String(streams[1], StandardCharsets.UTF_8).strip().replace('\n', ' ');
                throw new SlurmCommandException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + (msg.isEmpty() ? out.strip() : msg));
            }
            return out;
        } catch (IOException e) {
            throw new SlurmCommandException(cmd.get(0) + " could not be started (" + e.getMessage()
                    + "); is Slurm installed and on PATH?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlurmCommandException(String.join(" ", cmd) + ": interrupted");
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
