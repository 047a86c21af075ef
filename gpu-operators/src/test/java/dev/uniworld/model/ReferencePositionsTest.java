package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.dit.ContextPositions;
import dev.uniworld.model.dit.DitModel;
import dev.uniworld.model.nn.Rotary;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Aligned references: SigLIP tokens take the DiT grid positions of the area they cover, and only when configured. */
class ReferencePositionsTest {

    @Test
    void eachReferenceTokenSitsAtTheCentreOfTheAreaItCovers() {
        // Given a 2 x 2 reference grid starting at context position 1, a 4 x 4 DiT grid, context length 6
        double[][][] positions = ContextPositions.aligned(new int[][] {{1}, {}}, 6, 2, 4, 4);
        // Then reference cell (r, c) covers DiT patches 2r..2r+1: centre 2r + 0.5; other context tokens stay at 0
        assertArrayEquals(new double[] {0, 0.5, 0.5, 2.5, 2.5, 0}, Arrays.copyOf(positions[0][0], 6));
        assertArrayEquals(new double[] {0, 0.5, 2.5, 0.5, 2.5, 0}, Arrays.copyOf(positions[0][1], 6));
        // image tokens keep their (row, column), and a sample without references is all plain
        assertEquals(3, positions[0][0][6 + 13]);
        assertEquals(1, positions[0][1][6 + 13]);
        int[][] plain = ContextPositions.plain(6, 4, 4);
        for (int axis = 0; axis < 2; axis++) {
            for (int t = 0; t < plain[axis].length; t++) {
                assertEquals(plain[axis][t], positions[1][axis][t]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ContextPositions.aligned(new int[][] {{4}}, 6, 2, 4, 4));
    }

    @Test
    void perSampleTablesEqualTheSharedTableForTheSamePositions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int[][] plain = ContextPositions.plain(3, 2, 2);
            double[][] asDouble = {Arrays.stream(plain[0]).asDoubleStream().toArray(),
                Arrays.stream(plain[1]).asDoubleStream().toArray()};
            NDList shared = Rotary.tables(manager, plain, 8, 10_000); // [T, hd]
            NDList batched = Rotary.tables(manager, new double[][][] {asDouble, asDouble}, 8, 10_000); // [2,1,T,hd]
            assertEquals(new Shape(2, 1, 7, 8), batched.get(0).getShape());
            for (int table = 0; table < 2; table++) {
                NDArray expected = shared.get(table).expandDims(0).expandDims(0).repeat(0, 2);
                assertEquals(0f, batched.get(table).sub(expected).abs().max().getFloat(), 1e-7f);
            }
        }
    }

    @Test
    void theDitPlacesReferenceTokensOnlyWhenItsConfigSaysSo() {
        UniWorldConfig aligned = TestModels.micro();
        UniWorldConfig unaligned = aligned.withDit(aligned.dit().withAlignedReferences(false));
        int references = aligned.siglip().tokens();
        int[][] starts = {{1}};
        assertNotEquals(velocity(aligned, null, references), velocity(aligned, starts, references),
                "an aligned DiT moves its reference tokens");
        assertEquals(velocity(unaligned, null, references), velocity(unaligned, starts, references), 0f,
                "an unaligned DiT keeps every context token at (0, 0)");
    }

    /** Sum of the velocity of one seeded sample whose context holds one reference image from position 1. */
    private static float velocity(UniWorldConfig config, int[][] starts, int references) {
        try (UniWorldModel model = UniWorldModel.create(config, 3); NDManager sub = model.manager().newSubManager()) {
            DitModel dit = model.network().dit();
            int length = references + 4;
            int side = config.latentSize();
            int width = config.connector().contextDim();
            NDArray latents = TestModels.images(1, side, 1).toNDArray(sub); // [1, 3, h, w]
            NDArray context = TestModels.images(1, 16, 2).toNDArray(sub).reshape(1, -1).get(":, :" + length * width)
                    .reshape(1, length, width); // [1, L, C], uniform in [-1, 1]
            NDArray pooled = TestModels.images(1, 8, 3).toNDArray(sub).reshape(1, -1).get(":, :" + width); // [1, C]
            NDArray velocity = dit.forward(new ParameterStore(sub, false), latents, sub.create(new float[] {0.7f}),
                    context, sub.ones(new Shape(1, length)), pooled, sub.create(new float[] {3.5f}), starts, false);
            return velocity.abs().sum().getFloat();
        }
    }
}
