/**
 * Many runs at once: Slurm job arrays ({@link org.icldynamics.experiment.study.SlurmArrayJob}) and the run index
 * over run directories ({@code RunIndex}).
 *
 * <p>Part of the {@code experiment} level of the pipeline; imports only point down it (checked by
 * {@code PackageLayoutTest}).
 */
package org.icldynamics.experiment.study;
