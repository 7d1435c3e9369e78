/**
 * Studies: a config with a {@code sweep:} section becomes many runs. {@link org.icldynamics.experiment.study.StudyFile}
 * reads and checks the file (every point resolved and validated before anything runs),
 * {@link org.icldynamics.experiment.study.StudyRunner} runs the points in a pool in one JVM (idempotent: finished runs
 * are skipped, interrupted ones resumed), and {@link org.icldynamics.experiment.study.StudyCsv} and
 * {@link org.icldynamics.experiment.study.StudyFigures} aggregate them. Level {@code experiment} of the pipeline:
 * it drives the run lifecycle ({@code ExperimentRun}) and draws through {@code report}.
 * <pre>
 * STUDY_DIR/study.yaml       the study as resolved (base merged, ranges expanded, --set applied)
 * STUDY_DIR/runs/HASH/       ordinary run directories, HASH = short hash of the resolved config
 * STUDY_DIR/study.csv        run,SWEPT KEYS...,seed,status,final_train_loss,final_eval_loss,wall_seconds
 * STUDY_DIR/figures/         final eval loss vs each swept key (mean, 95% interval); loss curves with bands
 * </pre>
 * <p>Also: Slurm job arrays ({@link org.icldynamics.experiment.study.SlurmArrayJob}) and the run index over run
 * directories ({@code RunIndex}). Part of the {@code experiment} level of the pipeline; imports only point down it (checked by
 * {@code PackageLayoutTest}).
 */
package org.icldynamics.experiment.study;
