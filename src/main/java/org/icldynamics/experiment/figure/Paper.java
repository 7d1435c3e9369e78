package org.icldynamics.experiment.figure;

/** The papers icl-dynamics reproduces, with their spec file under {@code shared/spec/}. */
public enum Paper {
    LINEAR_ATTENTION("Zhang, Singh, Latham, Saxe (ICML 2025)", "linear-attention.md"),
    SOFTMAX_MULTIHEAD("He, Pan, Chen, Yang (ICML 2025)", "softmax-multihead.md"),
    MULTITASK_DYNAMICS("Chen, Sheen, Wang, Yang (COLT 2024)", "multitask-dynamics.md"),
    SPARSE_MULTILAYER("Chen, Zhao, Zou (NeurIPS 2024)", "sparse-multilayer.md");

    private final String citation;
    private final String spec;

    Paper(String citation, String spec) {
        this.citation = citation;
        this.spec = spec;
    }

    public String citation() {
        return citation;
    }

    public String spec() {
        return spec;
    }

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
