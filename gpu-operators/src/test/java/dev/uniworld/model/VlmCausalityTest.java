package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.uniworld.model.tokenizer.PromptBuilder;
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

    @Test
    void thePromptWithoutInstructionIsThePrefixOfThePromptWithIt() {
        try (UniWorldModel model = UniWorldModel.create(TestModels.tiny(), 11)) {
            // Given an image with and without an instruction (the unconditional prompt of classifier-free guidance)
            PromptBuilder prompts = TestModels.prompts(TestModels.tiny());
            int[] full = prompts.build("make the red circle blue", 1);
            int[] bare = prompts.build("", 1);
            HostTensor image = TestModels.images(1, TestModels.tiny().imageSize(), 5);
            // When
            VlmEncoding withInstruction = model.encodeVlm(new int[][] {full}, image);
            VlmEncoding without = model.encodeVlm(new int[][] {bare}, image);
            // Then the bare prompt is the first instructionStart tokens, and its states the first rows
            assertEquals(prompts.instructionStart(1), bare.length);
            assertArrayEquals(bare, Arrays.copyOf(full, bare.length));
            float[] prefix = withInstruction.hidden().sequence(0, bare.length).data();
            assertEquals(0, TestModels.maxAbsDiff(without.hidden().sequence(0, bare.length).data(), prefix), 1e-5);
        }
    }
}
