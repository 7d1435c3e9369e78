package org.icldynamics.report;

import java.util.Locale;

/**
 * One claim of a paper checked by a number: the measured value against the theoretical or paper value.
 *
 * @param figure the preset that made the check (kebab-case)
 * @param claim what is claimed, in words
 * @param measured what this run measured
 * @param expected the theoretical or paper value (the bound, for {@link Comparison#AT_MOST} / {@code AT_LEAST})
 * @param tolerance the allowed |measured - expected| for {@link Comparison#WITHIN}; slack on the bound otherwise
 * @param comparison how measured and expected are compared
 * @param note where the expected value comes from, and anything a reader must know (e.g. "the paper's own code
 *             contradicts this"); a failing check counts as explained when its note starts with "explained:"
 *             and names its backing table as {@code [table: docs/...]} (see {@link #explainedIfFailing})
 */
public record Check(String figure, String claim, double measured, double expected, double tolerance,
                    Comparison comparison, String note) {
    /** How a check compares. */
    public enum Comparison { WITHIN, AT_MOST, AT_LEAST }

    /** The outcome of a check. */
    public enum Verdict { PASS, FAIL, EXPLAINED }

    public Check {
        if (figure == null || claim == null || claim.isBlank() || comparison == null) {
            throw new IllegalArgumentException("a check needs a figure, a claim and a comparison");
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("check '" + claim + "': tolerance must be >= 0, got " + tolerance);
        }
        note = note == null ? "" : note;
    }

    /** {@code |measured - expected| <= tolerance}. */
    public static Check within(String figure, String claim, double measured, double expected, double tolerance,
                               String note) {
        return new Check(figure, claim, measured, expected, tolerance, Comparison.WITHIN, note);
    }

    /** {@code measured <= bound + slack}. */
    public static Check atMost(String figure, String claim, double measured, double bound, String note) {
        return new Check(figure, claim, measured, bound, 0, Comparison.AT_MOST, note);
    }

    /** {@code measured >= bound - slack}. */
    public static Check atLeast(String figure, String claim, double measured, double bound, String note) {
        return new Check(figure, claim, measured, bound, 0, Comparison.AT_LEAST, note);
    }

    /** True when the number supports the claim (NaN never passes). */
    public boolean passed() {
        return switch (comparison) {
            case WITHIN -> Math.abs(measured - expected) <= tolerance;
            case AT_MOST -> measured <= expected + tolerance;
            case AT_LEAST -> measured >= expected - tolerance;
        };
    }

    /**
     * This check, or, when it fails, a copy whose note starts with "explained: WHY" and names {@code table}, the
     * experiment table in {@code docs/} of what was tried and measured (then the original note): for claims whose
     * failure has a known, documented cause (e.g. a shorter training budget than the paper's).
     *
     * @param table where the backing table is, starting with {@code docs/} (e.g. {@code docs/acceptance.md, section
     *              "..."})
     */
    public Check explainedIfFailing(String why, String table) {
        if (table == null || !table.startsWith("docs/") || table.contains("]")) {
            throw new IllegalArgumentException("an explained check names its docs/ table, got " + table);
        }
        return passed() ? this : new Check(figure, claim, measured, expected, tolerance, comparison,
                "explained: " + why + " [table: " + table + "]" + (note.isEmpty() ? "" : ". " + note));
    }

    /** The docs/ table an explained check names ({@code [table: docs/...]} in its note), or "" when none. */
    public String table() {
        int i = note.indexOf("[table: docs/");
        int end = i < 0 ? -1 : note.indexOf(']', i);
        return end < 0 ? "" : note.substring(i + "[table: ".length(), end);
    }

    public Verdict verdict() {
        if (passed()) {
            return Verdict.PASS;
        }
        return note.toLowerCase(Locale.ROOT).startsWith("explained:") && !table().isEmpty() ? Verdict.EXPLAINED
                : Verdict.FAIL;
    }

    /** The comparison as text, e.g. {@code |x - 0.136| <= 0.003} or {@code x <= 0.5}. */
    public String relation() {
        return switch (comparison) {
            case WITHIN -> "within " + num(tolerance) + " of " + num(expected);
            case AT_MOST -> "<= " + num(expected + tolerance);
            case AT_LEAST -> ">= " + num(expected - tolerance);
        };
    }

    static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }
}
