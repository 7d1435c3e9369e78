/**
 * {@code icl bench}: the attention kernels, the transformer and whole presets timed on this machine
 * ({@code KernelBenchmark}, {@code TransformerBenchmark}, {@code PresetBenchmark}), with their settings and result
 * rows, and many tiny runs in one JVM against one JVM per run ({@code TinyRunBenchmark}, through child processes of
 * the CLI, so it needs no study classes). Level {@code experiment.bench}: it drives models and the trainer directly, beside studies and inspection.
 */
package org.icldynamics.experiment.bench;
