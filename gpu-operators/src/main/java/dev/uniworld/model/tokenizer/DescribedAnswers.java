package dev.uniworld.model.tokenizer;

import dev.uniworld.model.config.VlmConfig;
import java.util.Arrays;

/**
 * Reads a VLM's greedy answers the same way whether or not it describes the image first
 * ({@link VlmConfig#describesFirst()}). A describing VLM writes the image's caption, a full stop, then the answer: it
 * gets room for the description, and only the ids after its last full stop are the answer. Cutting on the separator's
 * id, not on decoded text, keeps the ids as the VLM wrote them, so a caller sees the same short answers as from any
 * other VLM.
 */
public final class DescribedAnswers {

    /** Closes the description; ShapesWorld's captions and answers never hold it. */
    public static final String SEPARATOR = ".";
    /**
     * Room for the description beyond the answer's own tokens: a caption of four shapes takes about 30, and a VLM
     * trained to restate the question's subjects after it writes up to 27 more (four shapes matching an existence
     * question) and a second full stop. Decoding stops at the stop token, so unused room costs nothing.
     */
    public static final int DESCRIPTION_TOKENS = 64;

    private final boolean describesFirst;
    /** The separator's id in the VLM's vocabulary; unused for a VLM that answers directly. */
    private final int separatorId;

    /**
     * @throws IllegalArgumentException for a describing VLM whose tokenizer does not spell {@value #SEPARATOR} as one
     *     known token
     */
    public DescribedAnswers(VlmConfig vlm, Tokenizer tokenizer) {
        this.describesFirst = vlm.describesFirst();
        int[] separator = tokenizer.encode(SEPARATOR);
        if (describesFirst && separator.length != 1) {
            throw new IllegalArgumentException("a VLM that describes first needs '" + SEPARATOR + "' as one token; "
                    + "the tokenizer spells it as " + separator.length);
        }
        if (describesFirst && separator[0] == tokenizer.specials().unk()) {
            throw new IllegalArgumentException("a VLM that describes first needs '" + SEPARATOR + "' in its "
                    + "vocabulary; the tokenizer reads it as an unknown word");
        }
        this.separatorId = describesFirst ? separator[0] : -1;
    }

    /** The id that closes the description, after which the answer begins; -1 for a VLM that answers directly. */
    public int separatorId() {
        return separatorId;
    }

    /** Tokens to decode for an answer of at most {@code answerTokens}. */
    public int tokenBudget(int answerTokens) {
        return describesFirst ? (int) Math.min(Integer.MAX_VALUE, (long) answerTokens + DESCRIPTION_TOKENS)
                : answerTokens;
    }

    /**
     * The answer among the decoded ids, at most {@code maxTokens} of them: from the start, or for a describing VLM
     * from after its last separator. A description cut off before its separator is returned as it is, so that a
     * too-small budget shows in the answer rather than as an empty one.
     */
    public int[] answer(int[] decoded, int maxTokens) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0, was " + maxTokens);
        }
        int start = 0;
        if (describesFirst) {
            for (int i = decoded.length - 1; i >= 0; i--) {
                if (decoded[i] == separatorId) {
                    start = i + 1;
                    break;
                }
            }
        }
        return Arrays.copyOfRange(decoded, start, start + Math.min(maxTokens, decoded.length - start));
    }
}
