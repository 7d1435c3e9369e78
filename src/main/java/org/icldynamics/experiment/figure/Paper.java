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
}
