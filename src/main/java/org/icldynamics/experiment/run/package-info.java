/**
 * One run on disk: {@code RunDirectory} (the files and their names, written atomically), {@code ExperimentRun}
 * (the lifecycle: create, train, snapshot, checkpoint, summarise; resume with {@code ResumeCheck}),
 * {@code MetricsLog}, {@code Provenance}, {@code RunSummary}, {@code MemoryEstimate} (the heap check before anything
 * is written), {@code CubicEquivalence} ({@code init: equivalent-to}, which may start from another run) and
 * {@code RunReader}, the reader of finished runs. Level {@code experiment.run} of the pipeline: it reads the
 * experiment and is read by studies, inspection, figures and the dashboard.
 */
package org.icldynamics.experiment.run;
