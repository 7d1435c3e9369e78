package org.icldynamics.experiment.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.icldynamics.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Study aggregates against hand-computed means, standard errors and t-intervals. */
class StudyAggregateTest {
    @TempDir
    Path tmp;

    @Test
    void finalLossHasTheMeanAndThe95PercentTIntervalOverSeeds() throws Exception {
        Path csv = tmp.resolve("study.csv");
        Files.writeString(csv, "run,model.heads,train.lr,seed,status,final_train_loss,final_eval_loss,wall_seconds\n"
                + "a,2,0.1,1,completed,9,1.0,1\nb,2,0.1,2,completed,9,2.0,1\nc,2,0.1,3,completed,9,3.0,1\n"
                + "d,4,0.1,1,completed,0.5,,1\ne,4,0.1,2,diverged,,,1\n");
        StudyTable t = StudyTable.read(csv);
        assertEquals(List.of("model.heads", "train.lr"), t.keys());
        List<StudyAggregate.Point> p = StudyAggregate.finalLoss(t);
        StudyAggregate.Point h2 = p.stream().filter(x -> x.key().equals("model.heads") && x.value().equals("2"))
                .findFirst().orElseThrow();
        // values 1, 2, 3: mean 2, sd 1, SE 1/sqrt(3), t(0.975, 2 dof) = 4.302652729749464
        assertEquals(3, h2.n());
        assertEquals(2.0, h2.mean(), 1e-15);
        assertEquals(1 / Math.sqrt(3), h2.standardError(), 1e-15);
        assertEquals(2 + 4.302652729749464 / Math.sqrt(3), h2.hi(), 1e-9);
        assertEquals(2 - 4.302652729749464 / Math.sqrt(3), h2.lo(), 1e-9);
        assertEquals("train.lr=0.1", h2.group());
        StudyAggregate.Point h4 = p.stream().filter(x -> x.key().equals("model.heads") && x.value().equals("4"))
                .findFirst().orElseThrow();
        assertEquals(1, h4.n(), "a diverged run without losses is left out; the train loss stands in for eval");
        assertEquals(0.5, h4.mean(), 0.0);
        assertEquals(0.5, h4.lo(), 0.0);
    }

    @Test
    void bandsSpanTheSeedsAtStepsEveryRunReached() {
        Map<Double, Double> a = new TreeMap<>(Map.of(0.0, 1.0, 10.0, 0.5, 20.0, 0.25));
        Map<Double, Double> b = new TreeMap<>(Map.of(0.0, 3.0, 10.0, 1.5));
        List<StudyAggregate.BandPoint> band = StudyAggregate.band("g", List.of(a, b));
        assertEquals(2, band.size(), "step 20 only one seed reached");
        assertEquals(2.0, band.get(0).mean(), 0.0);
        assertEquals(1.0, band.get(0).lo(), 0.0);
        assertEquals(3.0, band.get(0).hi(), 0.0);
        assertEquals(1.0, band.get(1).mean(), 0.0);
    }

    @Test
    void aHeaderOffTheContractIsOneLineNamingTheFile() throws Exception {
        Path csv = tmp.resolve("study.csv");
        Files.writeString(csv, "name,lr,seed\nx,1,1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> StudyTable.read(csv));
        assertEquals(true, e.getMessage().startsWith(csv + ":1: header must be run,"), e.getMessage());
    }
}
