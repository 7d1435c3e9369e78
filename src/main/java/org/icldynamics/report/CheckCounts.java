package org.icldynamics.report;

import java.util.List;

/**
 * How many checks pass, are explained (fail their bound, with the docs/ table that backs the cause) and fail: three
 * counts side by side everywhere (report header, console summaries, README), never one folded into another.
 */
public record CheckCounts(long pass, long explained, long fail) {
    public static CheckCounts of(List<Check> checks) {
        long pass = checks.stream().filter(c -> c.verdict() == Check.Verdict.PASS).count();
        long explained = checks.stream().filter(c -> c.verdict() == Check.Verdict.EXPLAINED).count();
        return new CheckCounts(pass, explained, checks.size() - pass - explained);
    }

    public long total() {
        return pass + explained + fail;
    }

    /** {@code "P pass, E explained, F fail"}. */
    @Override
    public String toString() {
        return pass + " pass, " + explained + " explained, " + fail + " fail";
    }
}
