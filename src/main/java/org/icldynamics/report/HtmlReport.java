package org.icldynamics.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS, figures as base64 data URIs, no scripts, no fonts or
 * anything else from the network) with the run times, per paper its claims with pass/fail, a gallery of figures
 * and the full checks table. Opens as a plain file with no network.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    private static final String CSS = """
            body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}
            h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:0.9em}
            th{background:#f0f0f0}.pass{color:#176b2c;font-weight:bold}.fail{color:#a32015;font-weight:bold}
            .explained{color:#a36b00;font-weight:bold}figure{display:inline-block;margin:1em;vertical-align:top;
            max-width:560px}figure img{max-width:100%;border:1px solid #ddd}figcaption{font-size:0.85em}
            code{background:#f4f4f4;padding:1px 4px}.num{text-align:right;font-family:monospace}
            """;

    /**
     * @param title the page title
     * @param totalSeconds wall time of the whole reproduction
     * @param environment one line about the machine (cores, JVM)
     */
    public static String render(String title, List<ReportEntry> entries, double totalSeconds, String environment) {
        return render(title, entries, totalSeconds, environment, List.of());
    }

    /**
     * @param notReproduced one line per paper or figure that has no preset yet, with the reason
     */
    public static String render(String title, List<ReportEntry> entries, double totalSeconds, String environment,
                                List<String> notReproduced) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        List<Check> all = new ArrayList<>();
        entries.forEach(e -> all.addAll(e.checks()));
        h.append("<p>").append(entries.size()).append(" figures, ").append(all.size()).append(" checks: ")
                .append(CheckCounts.of(all)).append(". Total time ")
                .append(minutes(totalSeconds)).append(" min. ").append(esc(environment)).append("</p>\n");
        timesTable(h, entries);
        claimsByPaper(h, entries);
        if (!notReproduced.isEmpty()) {
            h.append("<h2>Not reproduced yet</h2>\n<ul>\n");
            for (String n : notReproduced) {
                h.append("<li>").append(esc(n)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<h2>Figures</h2>\n");
        for (ReportEntry e : entries) {
            h.append("<figure id=\"fig-").append(esc(e.name())).append("\">");
            if (e.png().length > 0) {
                h.append("<img alt=\"").append(esc(e.name())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(e.png())).append("\">");
            } else {
                h.append("<p class=\"fail\">no figure: ").append(esc(e.error())).append("</p>");
            }
            h.append("<figcaption><b>").append(esc(e.name())).append("</b> (").append(esc(e.paper())).append("): ")
                    .append(esc(e.shows())).append("<br><code>").append(esc(e.command())).append("</code>")
                    .append("</figcaption></figure>\n");
        }
        h.append("<h2>All checks</h2>\n<table><tr><th>figure</th><th>claim</th><th>measured</th><th>expected</th>"
                + "<th>tolerance</th><th>verdict</th><th>note</th></tr>\n");
        for (Check c : all) {
            h.append("<tr><td>").append(esc(c.figure())).append("</td><td>").append(esc(c.claim()))
                    .append("</td><td class=\"num\">").append(Check.num(c.measured()))
                    .append("</td><td class=\"num\">").append(esc(c.relation())).append("</td><td class=\"num\">")
                    .append(Check.num(c.tolerance())).append("</td><td>").append(verdict(c)).append("</td><td>")
                    .append(esc(c.note())).append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    public static void write(Path file, String title, List<ReportEntry> entries, double totalSeconds,
                             String environment, List<String> notReproduced) throws IOException {
        AtomicFiles.writeString(file, render(title, entries, totalSeconds, environment, notReproduced));
    }

    private static void timesTable(StringBuilder h, List<ReportEntry> entries) {
        h.append("<h2>Run times</h2>\n<table><tr><th>figure</th><th>paper</th><th>minutes</th><th>checks (pass / explained / fail)</th>"
                + "<th>command</th></tr>\n");
        for (ReportEntry e : entries) {
            CheckCounts n = CheckCounts.of(e.checks());
            h.append("<tr><td><a href=\"#fig-").append(esc(e.name())).append("\">").append(esc(e.name()))
                    .append("</a></td><td>").append(esc(e.paper())).append("</td><td class=\"num\">")
                    .append(minutes(e.seconds())).append("</td><td class=\"num\">").append(n.pass()).append(" / ")
                    .append(n.explained()).append(" / ").append(n.fail()).append("</td><td><code>").append(esc(e.command()))
                    .append("</code></td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void claimsByPaper(StringBuilder h, List<ReportEntry> entries) {
        Map<String, List<Check>> byPaper = new LinkedHashMap<>();
        for (ReportEntry e : entries) {
            byPaper.computeIfAbsent(e.paper(), k -> new ArrayList<>()).addAll(e.checks());
        }
        h.append("<h2>Claims by paper</h2>\n");
        for (Map.Entry<String, List<Check>> p : byPaper.entrySet()) {
            h.append("<h3>").append(esc(p.getKey())).append("</h3>\n<ul>\n");
            for (Check c : p.getValue()) {
                h.append("<li>").append(verdict(c)).append(" ").append(esc(c.claim())).append(" (")
                        .append(esc(c.figure())).append(": measured ").append(Check.num(c.measured())).append(", ")
                        .append(esc(c.relation())).append(")");
                if (!c.note().isEmpty()) {
                    h.append(" <i>").append(esc(c.note())).append("</i>");
                }
                h.append("</li>\n");
            }
            h.append("</ul>\n");
        }
    }

    private static String verdict(Check c) {
        String v = c.verdict().name().toLowerCase(Locale.ROOT);
        return "<span class=\"" + v + "\">" + v + "</span>";
    }

    private static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds / 60);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
