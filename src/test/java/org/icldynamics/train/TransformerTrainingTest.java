package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.Transformer;
import org.junit.jupiter.api.Test;

class TransformerTrainingTest {
    @Test
    void shortSeededTrainingLowersHeldOutErrorByMoreThanFourStandardErrors() {
        SparseRegressionTask task = new SparseRegressionTask(SparseRegressionTask.Spec.of(5, 2, 10, 0.01));
        RandomStreams streams = new RandomStreams(17);
        PromptSampler train = new PromptSampler(task, streams, "train");
        PromptBatch eval = new PromptSampler(task, streams, "eval").sample(0, 1000);
        Transformer model = Transformer.Spec.gpt(2, 2, 16).build(5, 1, 10, streams, BlockParallel.serial());
        double[] before = model.predict(eval);
        TrainOutcome out = new Trainer(model, new LocalAdam(3e-3), step -> train.sample(step, 64), eval,
                new TrainPlan(300, 3e-3, 50, 50, 0, new long[0])).run(null, new TrainingListener() { }, () -> false);
        assertEquals(RunStatus.COMPLETED, out.status());
        double[] after = model.predict(eval);
        double sum = 0;
        double sumSq = 0;
        for (int p = 0; p < eval.b; p++) { // paired per-prompt decrease of squared error
            double eb = before[p] - eval.yq[p];
            double ea = after[p] - eval.yq[p];
            double dlt = eb * eb - ea * ea;
            sum += dlt;
            sumSq += dlt * dlt;
        }
        double mean = sum / eval.b;
        double se = Math.sqrt((sumSq / eval.b - mean * mean) / (eval.b - 1));
        assertTrue(mean > 4 * se, "decrease " + mean + " vs standard error " + se);
    }
}
