package org.icldynamics.experiment.figure;

/** A number a figure pins in its golden file besides its checks (e.g. a loss at a given step). */
public record KeyNumber(String name, double value) {
}
