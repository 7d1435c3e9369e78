package org.icldynamics.experiment.figure;

/**
 * The experiment tables in {@code docs/} that back explained checks: a check that fails its bound counts as explained
 * only when it names one of these (what was tried and measured), never on a note alone. {@code DocsTableTest} keeps
 * every file, heading and table present.
 *
 * @see org.icldynamics.report.Check#explainedIfFailing(String, String)
 */
public enum DocsTable {
    /** F-A2 pattern metrics of the 2-, 4- and 8-head softmax runs at the spec's 500k steps. */
    SOFTMAX_HEADS_500K("docs/acceptance.md", "(a) Softmax attention, 2 heads (`experiments/he25-heads.yaml`, `model.heads=2`)"),
    /** F-A10 and B.4 item 6: head allocation of the multi-task runs, as measured. */
    MULTITASK_ALLOCATION("docs/multitask-allocation.md", "Measured allocation"),
    /** P-then-O against tuned GD and ridge over n and noise. */
    SPARSE_ALGORITHMS("docs/sparse-multilayer.md", "Algorithms (task 4)"),
    /** Pruning and probes of the sparse multi-layer transformer, every reconstruction tried. */
    SPARSE_PRUNE_PROBE("docs/sparse-multilayer.md", "Third pass (issue 6): wider heads and two layers");

    private final String file;
    private final String heading;

    DocsTable(String file, String heading) {
        this.file = file;
        this.heading = heading;
    }

    /** Path from the repository root, e.g. {@code docs/acceptance.md}. */
    public String file() {
        return file;
    }

    /** The text of the {@code ##} heading of the section that holds the table. */
    public String heading() {
        return heading;
    }

    /** How a check's note names it: {@code docs/FILE.md, section "HEADING"}. */
    public String reference() {
        return file + ", section \"" + heading + "\"";
    }
}
