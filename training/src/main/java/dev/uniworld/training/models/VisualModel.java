package dev.uniworld.training.models;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What the evaluation asks of a unified visual model: answer in text, or produce an image, from a prompt and zero or
 * more input images. Implementations that hold native resources release them in {@link #close()}. Not required to be
 * thread-safe: use one instance per thread.
 */
public interface VisualModel extends AutoCloseable {

    /** How reports name this model. */
    String name();

    /** The text answer to a question about the images (understanding tasks). */
    String answer(String prompt, List<BufferedImage> images);

    /**
     * The answer with everything the model wrote to reach it: for a VLM that describes the image first, the
     * description, its full stop and the answer; for other models the answer alone. For reading why an answer is wrong.
     */
    default Reply reply(String prompt, List<BufferedImage> images) {
        String answer = answer(prompt, images);
        return new Reply(answer, answer, false);
    }

    /**
     * @param answer the text answer, as {@link #answer} returns it
     * @param transcript all the model wrote, the answer included
     * @param describes whether the model writes a description of the image before its answer
     */
    record Reply(String answer, String transcript, boolean describes) {
    }

    /**
     * An image for the prompt: a generated one when {@code images} is empty, an edited or perceived one otherwise.
     *
     * @param seed the sampling seed, so that an evaluation run is repeatable
     */
    BufferedImage generate(String prompt, List<BufferedImage> images, long seed);

    @Override
    default void close() {
    }
}
