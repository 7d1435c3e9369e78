/**
 * What one experiment is: {@code ExperimentSpec} and its sections (typed records bound from YAML, each checked in
 * its compact constructor; {@code model:} is the model's own spec record, {@code model.ModelSpec}), {@code ConfigYaml} (embedded defaults, then the file, then {@code --set}; and the
 * resolved YAML written back), and {@code ExperimentFactory}, the one place where the records become a task, a
 * model, an optimizer and a plan ({@code ExperimentParts}).
 *
 * <p>Pipeline: {@code cli -> experiment.serve -> experiment.figure -> { experiment.study, experiment.inspect,
 * experiment.bench } -> experiment.run -> experiment -> { report, analysis, theory, train } -> { model, estimator }
 * -> data -> linalg -> config}. Imports only point down this list (checked by {@code PackageLayoutTest}).
 */
package org.icldynamics.experiment;
