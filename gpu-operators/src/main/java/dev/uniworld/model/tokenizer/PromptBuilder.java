package dev.uniworld.model.tokenizer;

import java.util.Arrays;

/**
 * Builds the VLM prompt: bos, then per image vision_start, one image_pad per vision-tower token and vision_end, then
 * the instruction (Qwen2.5-VL's usual order). The images come first because attention is causal: only words placed
 * after an image can read it, and a question whose words precede the image leaves the single last position to find the
 * named object, look it up in the image and answer, which a small VLM does not learn (its answers then ignore which
 * object is asked about).
 */
public final class PromptBuilder {

    private final Tokenizer tokenizer;
    private final int tokensPerImage;

    public PromptBuilder(Tokenizer tokenizer, int tokensPerImage) {
        this.tokenizer = tokenizer;
        this.tokensPerImage = tokensPerImage;
    }

    /** Token ids of the prompt for {@code images} attached images. */
    public int[] build(String instruction, int images) {
        SpecialTokens s = tokenizer.specials();
        int[] words = tokenizer.encode(instruction);
        int[] ids = new int[instructionStart(images) + words.length];
        ids[0] = s.bos();
        int pos = 1;
        for (int i = 0; i < images; i++) {
            ids[pos++] = s.visionStart();
            Arrays.fill(ids, pos, pos + tokensPerImage, s.imagePad());
            pos += tokensPerImage;
            ids[pos++] = s.visionEnd();
        }
        System.arraycopy(words, 0, ids, pos, words.length);
        return ids;
    }

    /**
     * Where the instruction starts in a prompt with {@code images} images. The prompt without an instruction (the
     * unconditional prompt of classifier-free guidance) is the first this many tokens of every prompt with the same
     * images, and since the VLM is causal its hidden states are the first this many rows of the prompt's.
     */
    public int instructionStart(int images) {
        return 1 + images * (tokensPerImage + 2);
    }
}
