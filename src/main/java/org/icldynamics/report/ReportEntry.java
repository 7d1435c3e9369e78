package org.icldynamics.report;

import java.util.List;

/**
 * One figure of the reproduction report.
 *
 * @param name the preset name (kebab-case)
 * @param paper the paper it reproduces (short citation)
 * @param shows what the figure shows, one sentence
 * @param command the command that regenerates it
 * @param png the figure as PNG bytes (embedded as a data URI), or empty when the figure failed
 * @param checks the figure's checks
 * @param seconds wall time of the figure (its runs and drawing)
 * @param error why the figure is missing, or empty
 */
public record ReportEntry(String name, String paper, String shows, String command, byte[] png, List<Check> checks,
                          double seconds, String error) {
    public ReportEntry {
        checks = List.copyOf(checks);
        error = error == null ? "" : error;
    }
}
