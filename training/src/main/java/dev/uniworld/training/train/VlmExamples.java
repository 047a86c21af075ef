package dev.uniworld.training.train;

import dev.uniworld.model.Task;
import dev.uniworld.model.tokenizer.DescribedAnswers;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The VLM's training sequences: questions (answered directly, or after a description of the image), captions and
 * image instructions, each with the weight of every position's next-token prediction.
 */
final class VlmExamples {

    /** Caption prompts of the VLM are capped at this many words (four objects need about 30). */
    static final int MAX_CAPTION_TOKENS = 40;

    /**
     * A VLM sequence: ids, the weight of each position's next-token prediction in the loss (summing to 1 over an
     * example, so that every example weighs the same), the task head's position and label (-1 for none), the image of
     * the sequence's vision block as CHW in [-1, 1] (null for none), and the first position whose prediction is an
     * answer's token, for a VLM that describes first the first after the description's full stop (-1 for an example
     * without an answer).
     */
    record VlmExample(int[] ids, float[] weights, int taskPosition, int taskLabel, float[] image, int answerFrom) {
    }

    private final WordTokenizer tokenizer;
    private final PromptBuilder prompts;
    private final boolean describesFirst;
    private final boolean restatesSubjects;
    private final Function<BufferedImage, float[]> pixels;

    /**
     * @param restatesSubjects whether a describing VLM also names, after the caption, the objects the question is
     *     about ({@code Recipe#vlmRestatesSubjects})
     */
    VlmExamples(WordTokenizer tokenizer, PromptBuilder prompts, boolean describesFirst, boolean restatesSubjects,
            Function<BufferedImage, float[]> pixels) {
        this.tokenizer = tokenizer;
        this.prompts = prompts;
        this.describesFirst = describesFirst;
        this.restatesSubjects = restatesSubjects;
        this.pixels = pixels;
    }

    /**
     * prompt (question + image) -> answer words and the stop token; the task head learns "answer" here. A VLM that
     * describes first ({@code VlmConfig#describesFirst}) is taught to write the image's caption and a full stop before
     * the answer; the description and the answer each carry half of the example's weight. With
     * {@code restatesSubjects}, the caption's full stop is followed by the question's subjects as the caption describes
     * them (none for a count, or where nothing matches) and a second full stop: "..., small yellow triangle top .
     * small yellow triangle top . yellow"; caption, subjects and answer then carry a third of the weight each.
     */
    VlmExample question(TaskSample s) {
        int[] prompt = prompts.build(s.prompt(), s.inputImages().size());
        int[] answer = concat(tokenizer.encode(s.answer()), new int[] {tokenizer.specials().eos()});
        float[] image = pixels.apply(s.inputImages().get(0));
        if (!describesFirst) {
            int[] ids = concat(prompt, answer);
            return new VlmExample(ids, spread(ids.length, prompt.length - 1, answer.length, 1f), prompt.length - 1,
                    Task.ANSWER.ordinal(), image, prompt.length - 1);
        }
        int[] separator = tokenizer.encode(DescribedAnswers.SEPARATOR);
        int[] caption = concat(captionIds(ShapesTokenizer.caption(s.inputScenes().get(0))), separator);
        int[][] parts = restatesSubjects
                ? new int[][] {prompt, caption, concat(tokenizer.encode(ShapesTokenizer.objects(s.subjects())),
                        separator), answer}
                : new int[][] {prompt, caption, answer};
        int[] ids = concat(parts);
        float[] weights = new float[ids.length];
        // each part after the prompt predicts its own tokens from the position before it; the parts do not overlap
        int from = prompt.length - 1;
        for (int p = 1; p < parts.length; p++) {
            Arrays.fill(weights, from, from + parts[p].length, 1f / (parts.length - 1) / parts[p].length);
            from += parts[p].length;
        }
        // the decoder hands over to the answer layers at the description's full stop (subjects restated included)
        return new VlmExample(ids, weights, prompt.length - 1, Task.ANSWER.ordinal(), image,
                prompt.length - 1 + caption.length);
    }

    /** bos, the image's vision block, then the caption and the stop token under the loss. */
    VlmExample caption(BufferedImage image, String caption) {
        int[] vision = prompts.build("", 1);
        int[] ids = concat(vision, captionIds(caption), new int[] {tokenizer.specials().eos()});
        return new VlmExample(ids, spread(ids.length, vision.length - 1, ids.length - vision.length, 1f), -1, -1,
                pixels.apply(image), -1);
    }

    /**
     * An image instruction: next-token loss on its words (they close the prompt, after any image), task head
     * "generate image" on the prompt's last token.
     */
    VlmExample instruction(TaskSample s) {
        int[] ids = prompts.build(s.prompt(), s.inputImages().size());
        int words = tokenizer.encode(s.prompt()).length;
        float[] image = s.inputImages().isEmpty() ? null : pixels.apply(s.inputImages().get(0));
        return new VlmExample(ids, spread(ids.length, ids.length - 1 - words, words, 1f), ids.length - 1,
                Task.GENERATE_IMAGE.ordinal(), image, -1);
    }

    /** A caption's ids, at most {@link #MAX_CAPTION_TOKENS} of them. */
    int[] captionIds(String caption) {
        int[] ids = tokenizer.encode(caption);
        return Arrays.copyOf(ids, Math.min(MAX_CAPTION_TOKENS, ids.length));
    }

    /** Weights over {@code length} positions: {@code total} shared by {@code count} of them from {@code from}. */
    private static float[] spread(int length, int from, int count, float total) {
        float[] weights = new float[length];
        Arrays.fill(weights, from, from + count, total / count);
        return weights;
    }

    private static int[] concat(int[]... parts) {
        int length = 0;
        for (int[] p : parts) {
            length += p.length;
        }
        int[] out = new int[length];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
