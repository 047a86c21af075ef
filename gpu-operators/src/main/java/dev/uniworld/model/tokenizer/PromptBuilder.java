package dev.uniworld.model.tokenizer;

import java.util.Arrays;

/**
 * Builds the VLM prompt: bos, the instruction, then per image vision_start, one image_pad per vision-tower token and
 * vision_end (the instruction before the image, as UniWorld does).
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
        int[] ids = new int[1 + words.length + images * (tokensPerImage + 2)];
        ids[0] = s.bos();
        System.arraycopy(words, 0, ids, 1, words.length);
        int pos = 1 + words.length;
        for (int i = 0; i < images; i++) {
            ids[pos++] = s.visionStart();
            Arrays.fill(ids, pos, pos + tokensPerImage, s.imagePad());
            pos += tokensPerImage;
            ids[pos++] = s.visionEnd();
        }
        return ids;
    }
}
