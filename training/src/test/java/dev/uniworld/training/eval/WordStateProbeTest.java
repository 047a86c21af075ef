package dev.uniworld.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.WordTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordStateProbeTest {

    @Test
    void theEmbeddingsDifferExactlyAtTheWordThatDiffersAndTheCausalStatesNotBeforeIt() {
        WordTokenizer tokenizer = WordTokenizer.tinyVocabulary();
        try (UniWorldModel model = UniWorldModel.create(Presets.tiny(), 3)) {
            PromptBuilder prompts = new PromptBuilder(tokenizer, model.config().vlm().tokensPerImage());
            WordStateProbe.WordStates states = new WordStateProbe(model, prompts, tokenizer)
                    .measure("draw a green circle.", "draw a green square.");
            assertEquals(List.of("draw", "a", "green", "circle/square", "."), states.tokens());
            for (int i = 0; i < states.tokens().size(); i++) {
                boolean differs = i == 3;
                assertEquals(differs, states.embedding()[i] > 0, "embedding at " + states.tokens().get(i));
                // attention is causal: the states before the word cannot see it, those from it on do
                assertEquals(i >= 3, states.lastLayer()[i] > 0, "last layer at " + states.tokens().get(i));
            }
            assertTrue(states.format().contains("circle/square"), states.format());
        }
    }
}
