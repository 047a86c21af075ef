package dev.uniworld.model.tokenizer;

/**
 * Ids of the control tokens the model relies on. The word-level vocabulary puts them first ({@link #WORD_LEVEL});
 * a Hugging Face Qwen tokenizer would supply its own ids (e.g. vision-start 151652).
 *
 * @param pad right padding of batched sequences, never attended to by valid tokens
 * @param bos start of every prompt
 * @param eos stop token of greedy decoding
 * @param visionStart opens an image's tokens
 * @param visionEnd closes an image's tokens; fusion inserts SigLIP tokens right before it
 * @param imagePad placeholder replaced by one vision-tower token
 * @param unk words outside the vocabulary
 */
public record SpecialTokens(int pad, int bos, int eos, int visionStart, int visionEnd, int imagePad, int unk) {

    public static final SpecialTokens WORD_LEVEL = new SpecialTokens(0, 1, 2, 3, 4, 5, 6);

    /** The literal forms used by the word-level vocabulary, in id order 0..6. */
    public static final String[] WORD_LEVEL_SYMBOLS = {
        "<pad>", "<bos>", "<eos>", "<vision_start>", "<vision_end>", "<image_pad>", "<unk>"};
}
