package org.icldynamics.experiment.figure;

/**
 * The experiment tables in {@code docs/} that back explained checks: a check that fails its bound counts as explained
 * only when it names one of these (what was tried and measured), never on a note alone. {@code DocsTableTest} keeps
 * every file, heading and table present.
 *
 * @param file path from the repository root, e.g. {@code docs/acceptance.md}
 * @param heading the text of the {@code ##} heading of the section that holds the table
 * @see org.icldynamics.report.Check#explainedIfFailing(String, String)
 */
public record DocsTable(String file, String heading) {
    /** F-A2 pattern metrics of the 2-, 4- and 8-head softmax runs at the spec's 500k steps. */
    public static final DocsTable SOFTMAX_HEADS_500K = new DocsTable("docs/acceptance.md",
            "(a) Softmax attention, 2 heads (`experiments/he25-heads.yaml`, `model.heads=2`)");
    /** F-A10 and B.4 item 6: head allocation of the multi-task runs, as measured. */
    public static final DocsTable MULTITASK_ALLOCATION = new DocsTable("docs/multitask-allocation.md",
            "Measured allocation");
    /** P-then-O against tuned GD and ridge over n and noise. */
    public static final DocsTable SPARSE_ALGORITHMS = new DocsTable("docs/sparse-multilayer.md", "Algorithms (task 4)");
    /** Pruning and probes of the sparse multi-layer transformer, every reconstruction tried. */
    public static final DocsTable SPARSE_PRUNE_PROBE = new DocsTable("docs/sparse-multilayer.md",
            "Fourth pass (issue 14): linear attention and a curriculum");

    /** Every table, for {@code DocsTableTest}. */
    public static java.util.List<DocsTable> all() {
        return java.util.List.of(SOFTMAX_HEADS_500K, MULTITASK_ALLOCATION, SPARSE_ALGORITHMS, SPARSE_PRUNE_PROBE);
    }

    /** How a check's note names it: {@code docs/FILE.md, section "HEADING"}. */
    public String reference() {
        return file + ", section \"" + heading + "\"";
    }
}
