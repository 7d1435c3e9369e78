/**
 * {@code icl bench}: the attention kernels, the transformer and whole presets timed on this machine
 * ({@code KernelBenchmark}, {@code TransformerBenchmark}, {@code PresetBenchmark}), with their settings and result
 * rows. Level {@code experiment.bench}: it drives models and the trainer directly, beside studies and inspection.
 */
package org.icldynamics.experiment.bench;
