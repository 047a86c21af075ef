package dev.uniworld.training.eval;

import dev.uniworld.training.models.VisualModel;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.tasks.Answers;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a model on task samples and scores every output the way the public benchmarks do: understanding by exact-match
 * answers (VQA), generation by GenEval's object checks on detected scenes, editing by ImgEdit-style success (the edit
 * happened and nothing else changed, on detected scenes), perception by IoU and pixel accuracy against rendered truth.
 */
public final class ShapesWorldEvaluator {

    private final SceneDetector detector;

    public ShapesWorldEvaluator(SceneDetector detector) {
        this.detector = detector;
    }

    /** Scores {@code model} on {@code samples}; {@code perFamily} is only recorded in the report. */
    public EvalReport evaluate(VisualModel model, List<TaskSample> samples, int perFamily) {
        return evaluate(model, samples, perFamily, answered -> { });
    }

    /** As {@link #evaluate(VisualModel, List, int)}, handing every understanding sample's reply to {@code answers}. */
    public EvalReport evaluate(VisualModel model, List<TaskSample> samples, int perFamily,
            Consumer<AnsweredQuestion> answers) {
        ScoreTally tally = new ScoreTally();
        int resolution = 0;
        for (TaskSample sample : samples) {
            tally.add(sample.category(), score(model, sample, answers));
            // questions have no target image: their input tells the resolution of an understanding-only run
            if (sample.targetImage() != null) {
                resolution = sample.targetImage().getWidth();
            } else if (resolution == 0 && !sample.inputImages().isEmpty()) {
                resolution = sample.inputImages().get(0).getWidth();
            }
        }
        return tally.report(model.name(), perFamily, resolution);
    }

    /** One sample's metric values, in the order {@link ScoreTally#METRICS} lists for its family. */
    private double[] score(VisualModel model, TaskSample sample, Consumer<AnsweredQuestion> answers) {
        return switch (sample.family()) {
            case UNDERSTANDING -> {
                VisualModel.Reply reply = model.reply(sample.prompt(), sample.inputImages());
                boolean right = Answers.matches(sample.answer(), reply.answer());
                answers.accept(new AnsweredQuestion(sample, reply, right));
                yield new double[] {bit(right)};
            }
            case GENERATION -> {
                Scene detected = detector.detect(generate(model, sample));
                yield new double[] {bit(sample.spec().isSatisfiedBy(detected))};
            }
            case EDITING -> {
                Scene detected = detector.detect(generate(model, sample));
                EditScore edit = EditScore.of(sample.inputScenes().get(0), sample.targetScene(), detected);
                yield new double[] {bit(edit.success()), bit(edit.applied()), bit(edit.preserved())};
            }
            case PERCEPTION -> {
                PerceptionScore perception = PerceptionScore.of(sample.category(), sample.targetImage(),
                        generate(model, sample), sample.inputScenes().get(0));
                yield new double[] {bit(perception.success()), perception.overlap(), perception.pixelAccuracy()};
            }
        };
    }

    /** An understanding sample, the model's reply to it, and whether the answer matched. */
    public record AnsweredQuestion(TaskSample sample, VisualModel.Reply reply, boolean right) {
    }

    private static BufferedImage generate(VisualModel model, TaskSample sample) {
        return model.generate(sample.prompt(), sample.inputImages(), sample.seed());
    }

    private static double bit(boolean value) {
        return value ? 1 : 0;
    }
}
