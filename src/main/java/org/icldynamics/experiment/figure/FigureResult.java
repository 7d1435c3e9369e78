package org.icldynamics.experiment.figure;

import java.util.List;
import org.icldynamics.report.Check;
import org.icldynamics.report.FigurePanel;

/** What a preset draws from its runs: the figure, its checks and the key numbers its golden file pins. */
public record FigureResult(FigurePanel figure, List<Check> checks, List<KeyNumber> keyNumbers) {
    public FigureResult {
        checks = List.copyOf(checks);
        keyNumbers = List.copyOf(keyNumbers);
    }
}
