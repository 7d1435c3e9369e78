package org.icldynamics.experiment.study;

/** A Slurm command ({@code sbatch}, {@code scontrol}, {@code scancel}) that failed, with its one-line cause. */
public final class SlurmCommandException extends RuntimeException {
    public SlurmCommandException(String message) {
        super(message);
    }
}
