/**
 * Figure presets: each declares the runs a paper figure needs, how to draw its panels and which claims it checks;
 * {@link org.icldynamics.experiment.figure.FigureRunner} runs them (in parallel, reusing finished runs), draws the
 * figure and writes {@code checks.csv}. Part of {@code experiment} in the pipeline.
 */
package org.icldynamics.experiment.figure;
