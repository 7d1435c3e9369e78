/**
 * The local dashboard behind {@code icl serve}: finds run directories, studies and reproduction reports under the
 * served directories, turns them into JSON (loss curves read while a run writes them, circuits of every snapshot,
 * study aggregates over seeds) and serves them with the static pages in {@code resources/dashboard}. Read-only:
 * every path a request names is resolved by {@link org.icldynamics.experiment.serve.ServedRoots}, which answers
 * nothing outside the served trees. Part of {@code experiment} in the pipeline.
 */
package org.icldynamics.experiment.serve;
