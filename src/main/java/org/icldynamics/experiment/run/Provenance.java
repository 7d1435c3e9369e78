package org.icldynamics.experiment.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code provenance.json}: enough to rerun a run bit for bit.
 *
 * @param gitCommit commit of the source tree the tool was built from, or "unknown"
 * @param commandLine the command that started the run
 * @param resumes one entry per resume: time and command line
 * @param endTime null while the run is going
 * @param configSha256 SHA-256 of {@code config.yaml} as the run uses it; {@code icl resume} refuses a changed file
 *     unless told to accept it
 * @param configChanges one entry per accepted change of {@code config.yaml}: time, old and new hash
 * @param dataStream {@link org.icldynamics.data.Normals#STREAM_VERSION} the run drew with (absent before version 2):
 *     a run is reused or resumed only by code drawing the same normals
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record Provenance(@JsonProperty("tool") String tool,
                         @JsonProperty("version") String version,
                         @JsonProperty("git_commit") String gitCommit,
                         @JsonProperty("seed") long seed,
                         @JsonProperty("jvm") String jvm,
                         @JsonProperty("threads") int threads,
                         @JsonProperty("command_line") String commandLine,
                         @JsonProperty("start_time") String startTime,
                         @JsonProperty("end_time") String endTime,
                         @JsonProperty("resumes") List<String> resumes,
                         @JsonProperty("config_sha256") String configSha256,
                         @JsonProperty("config_changes") List<String> configChanges,
                         @JsonProperty("data_stream") Integer dataStream) {
    public Provenance {
        resumes = resumes == null ? List.of() : List.copyOf(resumes);
        configChanges = configChanges == null ? List.of() : List.copyOf(configChanges);
    }

    /** The data stream version the run drew with; runs that do not record one drew version 1 (Box-Muller). */
    public int dataStreamVersion() {
        return dataStream == null ? 1 : dataStream;
    }

    Provenance ended(String time) {
        return new Provenance(tool, version, gitCommit, seed, jvm, threads, commandLine, startTime, time, resumes,
                configSha256, configChanges, dataStream);
    }

    Provenance resumed(String time, String command) {
        List<String> r = new java.util.ArrayList<>(resumes);
        r.add(time + " " + command);
        return new Provenance(tool, version, gitCommit, seed, jvm, threads, commandLine, startTime, null, r,
                configSha256, configChanges, dataStream);
    }

    /** The provenance after accepting {@code config.yaml} with hash {@code sha256} at {@code time}. */
    Provenance configAccepted(String time, String sha256) {
        List<String> c = new java.util.ArrayList<>(configChanges);
        if (configSha256 != null && !configSha256.equals(sha256)) {
            c.add(time + " accepted a changed config.yaml: sha256 " + configSha256 + " -> " + sha256);
        }
        return new Provenance(tool, version, gitCommit, seed, jvm, threads, commandLine, startTime, endTime, resumes,
                sha256, c, dataStream);
    }
}
