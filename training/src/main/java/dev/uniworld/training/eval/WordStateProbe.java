package dev.uniworld.training.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.Tokenizer;
import dev.uniworld.model.vlm.VlmModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where two prompts differ in what the DiT's connector reads: per instruction token, the root mean square difference
 * of the VLM's last-layer states (through the final norm, so about 1 per token) and of the input embeddings. A VLM
 * whose last layer has forgotten a word shows a large embedding difference and a small last-layer one at that word;
 * a last layer that binds words shows a difference at the next word too ("square" after "red" or "green").
 */
public final class WordStateProbe {

    private final UniWorldModel model;
    private final PromptBuilder prompts;
    private final Tokenizer tokenizer;

    public WordStateProbe(UniWorldModel model, PromptBuilder prompts, Tokenizer tokenizer) {
        this.model = model;
        this.prompts = prompts;
        this.tokenizer = tokenizer;
    }

    /**
     * The instruction's tokens up to the shorter prompt's length ("circle/square" where they differ), and per token
     * the rms difference of the last-layer states and of the input embeddings.
     */
    public record WordStates(String prompt, String other, List<String> tokens, double[] lastLayer,
            double[] embedding) {

        /** One line per token. */
        public String format() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "VLM states, \"%s\" against \"%s\" (rms difference per token)%n  %-12s %10s %10s", prompt,
                    other, "token", "last layer", "embedding"));
            for (int i = 0; i < tokens.size(); i++) {
                out.append(String.format(Locale.ROOT, "%n  %-12s %10.2f %10.2f", tokens.get(i), lastLayer[i],
                        embedding[i]));
            }
            return out.toString();
        }
    }

    public WordStates measure(String prompt, String other) {
        int[] a = prompts.build(prompt, 0);
        int[] b = prompts.build(other, 0);
        int start = prompts.instructionStart(0);
        int shared = Math.max(start, Math.min(a.length, b.length));
        VlmModel vlm = model.network().vlm();
        int width = vlm.config().hidden();
        List<String> tokens = new ArrayList<>();
        double[] lastLayer = new double[shared - start];
        double[] embedding = new double[shared - start];
        try (NDManager scratch = model.manager().newSubManager()) {
            NDArray states = vlm.conditioning(new ParameterStore(scratch, false),
                    vlm.padTokenIds(scratch, new int[][] {a, b}), null, true, false); // [2, T, 2D]
            NDArray difference = states.get(0).sub(states.get(1)); // [T, 2D]
            for (int t = start; t < shared; t++) {
                NDArray row = difference.get(t); // [2D]
                tokens.add(label(a[t], b[t]));
                lastLayer[t - start] = rms(row.get(":" + width));
                embedding[t - start] = rms(row.get(width + ":"));
            }
        }
        return new WordStates(prompt, other, tokens, lastLayer, embedding);
    }

    /** The token, or both tokens where the prompts differ ("circle/square"). */
    private String label(int a, int b) {
        String word = tokenizer.decode(new int[] {a});
        return a == b ? word : word + "/" + tokenizer.decode(new int[] {b});
    }

    private static double rms(NDArray x) {
        return x.square().mean().sqrt().getFloat();
    }
}
