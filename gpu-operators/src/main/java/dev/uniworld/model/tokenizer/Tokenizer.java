package dev.uniworld.model.tokenizer;

/**
 * Text to token ids and back. The word-level implementation serves the tiny vocabulary; a Hugging Face tokenizer for
 * real Qwen weights implements the same interface with its own {@link SpecialTokens}.
 */
public interface Tokenizer {

    /** Ids of the text's tokens, without bos, eos or vision tokens. */
    int[] encode(String text);

    /** Text of the ids; special tokens are dropped. */
    String decode(int[] ids);

    int vocabSize();

    SpecialTokens specials();
}
