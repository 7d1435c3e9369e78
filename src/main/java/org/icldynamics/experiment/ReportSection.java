package org.icldynamics.experiment;

import java.util.List;
import org.icldynamics.report.AxisScale;
import org.icldynamics.config.Doc;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;

/** How the loss figure looks. */
public record ReportSection(
        @Doc("x axis of the loss figure: linear or log") AxisScale xAxis,
        @Doc("y axis of the loss figure: linear or log") AxisScale yAxis,
        @Doc("horizontal reference lines, each {label, value}") List<Reference> references) {

    /** A horizontal line on the loss figure. */
    public record Reference(@Doc("legend label") String label, @Doc("loss value") double value) {
        public Reference {
            Require.notNull("label", label);
            if (!Double.isFinite(value)) {
                throw new InvalidSettingException("value", value, "a finite number");
            }
        }
    }

    public ReportSection {
        Require.notNull("xAxis", xAxis);
        Require.notNull("yAxis", yAxis);
        Require.notNull("references", references);
        references = List.copyOf(references);
    }
}
