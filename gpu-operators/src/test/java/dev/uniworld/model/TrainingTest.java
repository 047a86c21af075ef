package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.sampler.FlowMatchEulerSampler;
import dev.uniworld.model.sampler.FlowMatchingObjective;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The network plugs into DJL's training API: one Adam step on the flow loss moves the connector weights. */
class TrainingTest {

    @Test
    void oneTrainerStepOnTheFlowLossUpdatesTheConnector() {
        UniWorldConfig config = TestModels.micro();
        try (UniWorldModel uniworld = UniWorldModel.create(config, 2);
                Model model = Model.newInstance("uniworld")) {
            model.setBlock(uniworld.network());
            int[] ids = TestModels.prompts(config).build("draw a red circle", 0);
            VlmEncoding vlm = uniworld.encodeVlm(new int[][] {ids}, null);
            float[] before = uniworld.parameters().get("fusion.vlm_connector.fc1.weight").getArray().toFloatArray();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().build()));
                    NDManager batch = trainer.getManager().newSubManager()) {
                int side = config.latentSize();
                NDArray x0 = batch.create(FlowMatchEulerSampler.noise(1, 3 * side * side), new Shape(1, 3, side, side));
                NDArray noise = batch.create(FlowMatchEulerSampler.noise(2, 3 * side * side),
                        new Shape(1, 3, side, side));
                NDArray sigma = batch.create(new float[] {0.6f});
                NDList inputs = new NDList(vlm.hidden().toNDArray(batch),
                        uniworld.network().vlm().padTokenIds(batch, vlm.tokenIds()),
                        batch.create(new int[] {ids.length}),
                        batch.zeros(new Shape(0, config.siglip().tokens(), config.siglip().hidden())),
                        FlowMatchingObjective.noisy(x0, noise, sigma), sigma, batch.create(new float[] {3.5f}));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray velocity = trainer.forward(inputs).singletonOrThrow();
                    NDArray loss = FlowMatchingObjective.loss(velocity, FlowMatchingObjective.target(x0, noise), null)
                            .mean();
                    collector.backward(loss);
                }
                trainer.step();
            }
            float[] after = uniworld.parameters().get("fusion.vlm_connector.fc1.weight").getArray().toFloatArray();
            assertFalse(Arrays.equals(before, after));
        }
    }
}
