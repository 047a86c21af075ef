package dev.uniworld.model.tokenizer;

import dev.uniworld.model.config.VlmConfig;

/**
 * Answers of a VLM that describes the image before it answers ({@link VlmConfig#describesFirst()}): it writes the
 * image's caption, a full stop, then the answer. Whoever decodes its answers gives it room for the description and
 * keeps only what follows the last full stop, so a caller sees the same short answers as from any other VLM.
 */
public final class DescribedAnswers {

    /** Closes the description; ShapesWorld's captions and answers never hold it. */
    public static final String SEPARATOR = ".";
    /** Room for the description beyond the answer's own tokens: a caption of four shapes takes about 30. */
    public static final int DESCRIPTION_TOKENS = 48;

    private DescribedAnswers() {
    }

    /** Tokens to decode for an answer of at most {@code answerTokens}. */
    public static int tokenBudget(VlmConfig vlm, int answerTokens) {
        return vlm.describesFirst() ? answerTokens + DESCRIPTION_TOKENS : answerTokens;
    }

    /** The answer in a decoded text: all of it, or for a describing VLM what follows the description. */
    public static String answer(VlmConfig vlm, String decoded) {
        if (!vlm.describesFirst()) {
            return decoded;
        }
        int end = decoded.lastIndexOf(SEPARATOR);
        return end < 0 ? decoded.trim() : decoded.substring(end + SEPARATOR.length()).trim();
    }
}
