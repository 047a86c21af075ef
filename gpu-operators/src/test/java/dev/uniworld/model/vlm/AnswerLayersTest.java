package dev.uniworld.model.vlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answer layers sit above the states the DiT reads: they change answers only, and only once trained. */
class AnswerLayersTest {

    private static final int[][] PROMPTS = {{1, 7, 9, 12, 4}, {1, 8, 3}};

    @Test
    void forkedAnswerLayersAnswerAsTheLayersTheyStandIn() {
        UniWorldConfig tiny = Presets.tiny();
        // from the top layer alone to every layer (the shipped model's), where the copies branch off at the embeddings
        for (int copies = 1; copies <= tiny.vlm().layers(); copies++) {
            try (UniWorldModel model = UniWorldModel.create(tiny.withVlm(tiny.vlm().withAnswerLayers(copies)), 3);
                    NDManager manager = model.manager().newSubManager()) {
                VlmModel vlm = model.network().vlm();
                NDArray ids = vlm.padTokenIds(manager, PROMPTS);
                ParameterStore store = new ParameterStore(manager, false);
                float[] lastLayer = vlm.forward(store, ids, null, false).toFloatArray(); // [B, T, D]
                assertTrue(different(lastLayer, vlm.answerStates(store, ids, null, false).toFloatArray()),
                        copies + " seeded answer layers answer otherwise");
                vlm.forkAnswerLayers();
                assertArrayEquals(lastLayer, vlm.answerStates(store, ids, null, false).toFloatArray(),
                        copies + " forked answer layers");
            }
        }
    }

    @Test
    void answerStatesSkipTheLayersTheyStandInForAndReadAsTheDecoderDoes() {
        UniWorldConfig tiny = Presets.tiny();
        for (int copies = 1; copies <= tiny.vlm().layers(); copies++) {
            try (UniWorldModel model = UniWorldModel.create(tiny.withVlm(tiny.vlm().withAnswerLayers(copies)), 3);
                    NDManager manager = model.manager().newSubManager()) {
                VlmModel vlm = model.network().vlm();
                vlm.forkAnswerLayers();
                model.parameters().get("vlm.answer_layer0.mlp.down_proj.weight").getArray().muli(1.5f); // trained
                // the layers stood in for, changed: the answer states must not read them
                model.parameters().get("vlm.layer" + (tiny.vlm().layers() - 1) + ".mlp.down_proj.weight").getArray()
                        .muli(-2f);
                NDArray ids = vlm.padTokenIds(manager, PROMPTS);
                ParameterStore store = new ParameterStore(manager, false);
                NDList reading = vlm.readingStates(store, ids, null, false); // the decoder's pass: [B, T, D] twice
                assertArrayEquals(vlm.forward(store, ids, null, false).toFloatArray(), reading.get(0).toFloatArray(),
                        copies + " answer layers: the description's states");
                assertArrayEquals(reading.get(1).toFloatArray(), vlm.answerStates(store, ids, null, false)
                        .toFloatArray(), copies + " answer layers: the answer's states");
            }
        }
    }

    @Test
    void trainedAnswerLayersChangeTheAnswerStatesButNotWhatTheDitReads() {
        UniWorldConfig tiny = Presets.tiny();
        try (UniWorldModel model = UniWorldModel.create(tiny.withVlm(tiny.vlm().withAnswerLayers(1)), 3);
                UniWorldModel plain = UniWorldModel.create(tiny, 3);
                NDManager manager = model.manager().newSubManager()) {
            Map<String, ai.djl.nn.Parameter> params = model.parameters();
            assertTrue(params.containsKey("vlm.answer_layer0.self_attn.o_proj.weight"), params.keySet().toString());
            VlmModel vlm = model.network().vlm();
            vlm.forkAnswerLayers();
            params.get("vlm.answer_layer0.mlp.down_proj.weight").getArray().muli(1.5f); // as if trained further
            NDArray ids = vlm.padTokenIds(manager, PROMPTS);
            ParameterStore store = new ParameterStore(manager, false);
            float[] below = vlm.conditioning(store, ids, null, true, false).toFloatArray(); // [B, T, 2D]
            // the other parameters are seeded by their paths, so the model without answer layers is the same below
            VlmModel plainVlm = plain.network().vlm();
            assertArrayEquals(plainVlm.conditioning(store, ids, null, true, false).toFloatArray(), below);
            float[] answers = vlm.answerStates(store, ids, null, false).toFloatArray();
            float[] lastLayer = vlm.forward(store, ids, null, false).toFloatArray();
            assertEquals(lastLayer.length, answers.length);
            assertTrue(different(lastLayer, answers), "the answer states moved");
        }
    }

    @Test
    void theDecoderWritesTheDescriptionFromTheLayersBelowAndTheAnswerFromTheAnswerLayers() {
        UniWorldConfig tiny = Presets.tiny();
        try (UniWorldModel model = UniWorldModel.create(tiny.withVlm(tiny.vlm().withAnswerLayers(1)), 3);
                UniWorldModel plain = UniWorldModel.create(tiny, 3)) {
            model.network().vlm().forkAnswerLayers();
            model.parameters().get("vlm.answer_layer0.mlp.down_proj.weight").getArray().muli(-4f); // trained away
            int[][] below = plain.answer(PROMPTS, null, 6);
            int never = unwritten(below);
            // no separator written: every token from the layers below, as the VLM without answer layers writes them
            int[][] described = model.answer(PROMPTS, null, 6, never);
            for (int b = 0; b < PROMPTS.length; b++) {
                assertArrayEquals(below[b], described[b]);
            }
            // every token the answer's: from the answer layers, which write otherwise
            int[][] answered = model.answer(PROMPTS, null, 6, -1);
            assertTrue(!Arrays.equals(below[0], answered[0]) || !Arrays.equals(below[1], answered[1]),
                    "the answer layers write otherwise");
            // the separator itself is the description's; what follows it, the answer layers'
            int separator = below[0][0];
            int[][] handedOver = model.answer(PROMPTS, null, 6, separator);
            assertEquals(separator, handedOver[0][0]);
            int[] afterIt = model.answer(new int[][] {append(PROMPTS[0], separator)}, null, 5, -1)[0];
            assertArrayEquals(afterIt, Arrays.copyOfRange(handedOver[0], 1, handedOver[0].length));
            int[] belowAfterIt = plain.answer(new int[][] {append(PROMPTS[0], separator)}, null, 5)[0];
            assertTrue(!Arrays.equals(afterIt, belowAfterIt), "the answer layers wrote what the layers below would");
        }
    }

    private static int[] append(int[] ids, int id) {
        int[] out = Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = id;
        return out;
    }

    /** An id that no sequence holds. */
    private static int unwritten(int[][] sequences) {
        for (int id = 255; id >= 0; id--) {
            int candidate = id;
            if (Arrays.stream(sequences).flatMapToInt(Arrays::stream).noneMatch(t -> t == candidate)) {
                return id;
            }
        }
        throw new IllegalStateException("every id written");
    }

    /** Whether two arrays differ by more than 1e-3 on average. */
    private static boolean different(float[] a, float[] b) {
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            moved += Math.abs(a[i] - b[i]);
        }
        return moved / a.length > 1e-3;
    }
}
