/**
 * Closed forms and ODEs: numbers in, numbers out. Each formula cites its section of {@code shared/spec}.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 * Imports only point down this list (checked by {@code PackageLayoutTest}).
 */
package org.icldynamics.theory;
