package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code icl theory}: prints the theory module's numbers and rejects bad input with a message. */
class TheoryCommandTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CommandLines.kebabEnums(new CommandLine(new TheoryCommand()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void plateausPrintsTheD4ListForExplicitEigenvaluesAndTheD8ListForALinearSpectrum() {
        String[] r = run("plateaus", "--eigenvalues", "0.4,0.3,0.2,0.1", "--n", "31");
        assertEquals("0", r[0]);
        String[] lines = r[1].strip().split("\\R");
        assertEquals(6, lines.length);
        assertEquals(0.1360, Double.parseDouble(lines[5].split(",")[1]), 1e-4);
        assertEquals(0.6406, Double.parseDouble(lines[2].split(",")[1]), 1e-4);
        String[] r8 = run("plateaus", "--d", "8", "--n", "31");
        String[] l8 = r8[1].strip().split("\\R");
        assertEquals(0.2133, Double.parseDouble(l8[9].split(",")[1]), 1e-4);
    }

    @Test
    void badInputIsRejectedWithAMessageNamingTheCause() {
        String[] r = run("plateaus", "--eigenvalues", "0.4,-0.1", "--n", "31");
        assertNotEquals("0", r[0]);
        assertTrue(r[2].contains("eigenvalues must be > 0"), r[2]);
        String[] noN = run("plateaus", "--d", "4");
        assertNotEquals("0", noN[0]);
        assertTrue(noN[2].contains("--n"), noN[2]);
        String[] times = CliRunner.run("theory", "approx-flow", "--times", "0,-1").err().lines().toArray(String[]::new);
        assertEquals(1, times.length, String.join("\n", times));
        assertTrue(times[0].startsWith("icl: error: --times -1.0: every output time must be finite and >= 0"),
                times[0]);
        CliRunner.run("theory", "best-loss", "--heads", "0").assertOneLineError("need --heads >= 1");
        CliRunner.run("theory", "approx-flow", "--random-init-std", "1e12").assertOneLineError("Euler with step 0.01 "
                + "diverged", "use a smaller step");
        for (String c : new String[] {"merged-escape", "merged-course"}) {
            CliRunner.run("theory", c, "--eigenvalues", "1e12").assertOneLineError("no finite flow for these settings");
        }
    }

    @Test
    void dgdAndApproxFlowPrintTheSpecNumbers() {
        String[] r = run("dgd", "--d", "5", "--l", "40", "--sigma2", "0.1");
        assertTrue(r[1].contains("risk_star_dgd,0.242857"), r[1]);
        String[] f = run("approx-flow", "--times", "0,10");
        String[] lines = f[1].strip().split("\\R");
        assertEquals(0.13142, Double.parseDouble(lines[2].split(",")[1]), 1e-5);
    }
}
