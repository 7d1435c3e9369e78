package org.icldynamics.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code provenance.json}: enough to rerun a run bit for bit.
 *
 * @param gitCommit commit of the source tree the tool was built from, or "unknown"
 * @param commandLine the command that started the run
 * @param resumes one entry per resume: time and command line
 * @param endTime null while the run is going
 */
public record Provenance(@JsonProperty("tool") String tool,
                         @JsonProperty("version") String version,
                         @JsonProperty("git_commit") String gitCommit,
                         @JsonProperty("seed") long seed,
                         @JsonProperty("jvm") String jvm,
                         @JsonProperty("threads") int threads,
                         @JsonProperty("command_line") String commandLine,
                         @JsonProperty("start_time") String startTime,
                         @JsonProperty("end_time") String endTime,
                         @JsonProperty("resumes") List<String> resumes) {
    public Provenance {
        resumes = resumes == null ? List.of() : List.copyOf(resumes);
    }

    Provenance ended(String time) {
        return new Provenance(tool, version, gitCommit, seed, jvm, threads, commandLine, startTime, time, resumes);
    }

    Provenance resumed(String time, String command) {
        List<String> r = new java.util.ArrayList<>(resumes);
        r.add(time + " " + command);
        return new Provenance(tool, version, gitCommit, seed, jvm, threads, commandLine, startTime, null, r);
    }
}
