/**
 * Command-line entry point: {@code Main} and one class per subcommand. Parsing only; no logic beyond it.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 * Imports only point down this list (checked by {@code PackageLayoutTest}).
 */
package org.icldynamics.cli;
