package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VlmCausalityTest {

    @Test
    void changingALaterTokenLeavesEarlierStatesUnchanged() {
        try (UniWorldModel model = UniWorldModel.create(TestModels.tiny(), 11)) {
            // Given two prompts that differ only in their last word
            int[] first = TestModels.TOKENIZER.encode("move the red circle left");
            int[] second = first.clone();
            second[second.length - 1] = TestModels.TOKENIZER.encode("right")[0];
            // When
            VlmEncoding a = model.encodeVlm(new int[][] {first}, null);
            VlmEncoding b = model.encodeVlm(new int[][] {second}, null);
            // Then every state before the changed token is bit-identical, and the last one differs
            int width = Math.toIntExact(a.hidden().dim(2));
            int prefix = (first.length - 1) * width;
            assertArrayEquals(Arrays.copyOf(a.hidden().data(), prefix), Arrays.copyOf(b.hidden().data(), prefix));
            assertFalse(Arrays.equals(a.hidden().data(), b.hidden().data()));
        }
    }
}
