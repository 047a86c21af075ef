package dev.uniworld.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.Task;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.tokenizer.DescribedAnswers;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.RequestInfo;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/**
 * The shipped checkpoint's VLM describes the image before it answers: the VLM stage returns only what follows the
 * description, the same ids the model's own greedy decoding writes after its last full stop.
 */
@SuppressWarnings("try") // the harness's close() declares InterruptedException
class DescribingVlmStageTest {

    private static final Path SHIPPED = Path.of("..", ModelSettings.DEFAULT_CHECKPOINT_DIR);
    private static final String QUESTION = "what colour is the square?";

    @Test
    void theStageAnswersWithWhatFollowsTheModelsDescription() throws Exception {
        byte[] png = ImageCodec.encodePng(redSquare());
        // Given the model's own greedy output, description and all
        WordTokenizer words = WordTokenizer.forCheckpoint(SHIPPED);
        int[] written;
        try (UniWorldModel model = UniWorldModel.load(SHIPPED, ai.djl.Device.cpu(), EnumSet.of(Stage.VLM),
                SpecialTokens.WORD_LEVEL)) {
            assertTrue(model.config().vlm().describesFirst(), "the shipped VLM describes first");
            int side = model.config().imageSize();
            HostTensor image = new HostTensor(ImageCodec.toModelInput(redSquare(), side),
                    new long[] {1, 3, side, side});
            int[] prompt = new PromptBuilder(words, model.config().vlm().tokensPerImage()).build(QUESTION, 1);
            written = model.answer(new int[][] {prompt}, image, 6 + DescribedAnswers.DESCRIPTION_TOKENS,
                    words.encode(DescribedAnswers.SEPARATOR)[0])[0];
        }
        int separator = words.encode(DescribedAnswers.SEPARATOR)[0];
        int cut = lastIndexOf(written, separator);
        assertTrue(cut > 0, "a description ends in a full stop: " + words.decode(written));
        // When the VLM stage answers the same question
        ModelSettings settings = StageRecords.MODEL.withCheckpointDir(SHIPPED.toString());
        try (var harness = StageRecords.harness(new VlmStage(StageRecords.batching("vlm", 8, 60_000), settings))) {
            harness.open();
            RequestInfo request = new RequestInfo("q", null, QUESTION, Task.UNDERSTAND, null, null, 7L, null, null,
                    null, 0, 0);
            harness.processElement(new StreamRecord<>(InFlight.admitted(request, List.of(png))));
            harness.endInput();
            // Then its answer is the part after the description, and holds no description
            InFlight answered = harness.getSideOutput(Routes.ANSWERED).iterator().next().getValue();
            String expected = words.decode(Arrays.copyOfRange(written, cut + 1, written.length));
            assertEquals(expected, answered.answer());
            assertTrue(!answered.answer().contains(DescribedAnswers.SEPARATOR) && !answered.answer().isBlank(),
                    answered.answer());
        }
    }

    private static int lastIndexOf(int[] ids, int id) {
        for (int i = ids.length - 1; i >= 0; i--) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /** A black 64x64 image with one large red square in the centre cell. */
    private static BufferedImage redSquare() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(220, 40, 40));
        g.fillRect(24, 24, 16, 16);
        g.dispose();
        return image;
    }
}
