package org.icldynamics.experiment.run;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Which code made a run: the jar's version and the git commit of the source tree, recorded in provenance. */
final class CodeVersion {
    private CodeVersion() {
    }

    static String version() {
        String v = CodeVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    private static volatile String gitCommit;

    /** The commit of the source tree at {@code icl.home} (set by the launcher) or the working directory; asked once. */
    static String gitCommit() {
        String c = gitCommit;
        if (c == null) {
            c = askGit();
            gitCommit = c;
        }
        return c;
    }

    private static String askGit() {
        String home = System.getProperty("icl.home", ".");
        try {
            Process p = new ProcessBuilder("git", "-C", home, "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
