package org.icldynamics.experiment.figure;

/** The papers icl-dynamics reproduces, with their spec file under {@code shared/spec/}. */
public record Paper(String citation, String spec) {
    public static final Paper LINEAR_ATTENTION = new Paper("Zhang, Singh, Latham, Saxe (ICML 2025)",
            "linear-attention.md");
    public static final Paper SOFTMAX_MULTIHEAD = new Paper("He, Pan, Chen, Yang (ICML 2025)", "softmax-multihead.md");
    public static final Paper MULTITASK_DYNAMICS = new Paper("Chen, Sheen, Wang, Yang (COLT 2024)",
            "multitask-dynamics.md");
    public static final Paper SPARSE_MULTILAYER = new Paper("Chen, Zhao, Zou (NeurIPS 2024)", "sparse-multilayer.md");

    /**
     * Figures of the papers that have no preset yet, with the reason (shown in the report so a reader sees what is
     * not covered).
     */
    public static java.util.List<String> notReproduced() {
        return java.util.List.of(
                LINEAR_ATTENTION.citation + ": App. 12 (ranks 3, 5, 6, 7: run zhang25-fig4-rank-sweep's config "
                        + "with --set model.rank=R)",
                SPARSE_MULTILAYER.citation + ": Fig. 1b (excess risk vs n by head count) and the paper-size "
                        + "prune/probe runs (d = 20, n = 40: about 30 min per run; the preset uses d = 8, n = 16)");
    }
}
