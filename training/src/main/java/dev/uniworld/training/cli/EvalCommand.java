package dev.uniworld.training.cli;

import dev.uniworld.training.eval.EvalReport;
import dev.uniworld.training.eval.ReportFormatter;
import dev.uniworld.training.eval.SceneDetector;
import dev.uniworld.training.eval.ShapesWorldEvaluator;
import dev.uniworld.training.models.ModelResolver;
import dev.uniworld.training.models.SamplerOverrides;
import dev.uniworld.training.models.VisualModel;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Scores a model on the fixed-seed ShapesWorld test set; prints a table per family and writes the same as JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Run a model on the fixed-seed test (or validation) set and print scores per family"
                + " and category.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", defaultValue = "models/uniworld-tiny",
            description = "ground-truth, identity, noise, question-only (never looks at the image: each question "
                    + "gets the answer training questions worded alike had most often, the level answers must beat), "
                    + "blurred-truth:R (the ground truth under a box blur of radius "
                    + "R: how sharp images must be for the scorers), siglip-readout:DIR (a calibration: the SigLIP "
                    + "tokens of checkpoint DIR, e.g. a run's model directory, read back into pixels by a linear map "
                    + "fitted on 1000 training inputs; only perception's reconstruction row means anything, so pass "
                    + "--families perception; sampler options do not apply), or a checkpoint path (default: "
                    + "${DEFAULT-VALUE}, the shipped UniWorld-Tiny)")
    private String model;

    @Option(names = "--n", defaultValue = "50", description = "samples per task family (default: ${DEFAULT-VALUE})")
    private int perFamily;

    @Option(names = "--json", description = "where to write the JSON report (default: "
            + "shapesworld-eval-<model>-<split>.json, <model> being the model's last two path elements, e.g. "
            + "run1-model, after its prefix, e.g. siglip-readout_run1-model)")
    private Path json;

    @Option(names = "--resolution", defaultValue = "64",
            description = "image size in pixels (default: ${DEFAULT-VALUE}, the tiny model's)")
    private int resolution;

    @Option(names = "--split", defaultValue = "test",
            description = "test (reports) or validation (for choosing settings) (default: ${DEFAULT-VALUE})")
    private String split;

    @Option(names = "--cfg-scale",
            description = "classifier-free guidance scale of every sample, with or without images, replacing the "
                    + "checkpoint's two (1 = none; default: the checkpoint's own, tiny's 6 for prompts alone and 1 "
                    + "with images)")
    private Double cfgScale;

    @Option(names = "--sampler-steps",
            description = "sampler steps replacing the checkpoint's (default: the checkpoint's)")
    private Integer samplerSteps;

    @Option(names = "--fresh-noise", description = "share of each sampler step's noise drawn afresh, in [0, 1], for "
            + "prompts without images, replacing the checkpoint's (0 = Euler steps; default: the checkpoint's)")
    private Double freshNoise;

    @Option(names = "--reference-fresh-noise", description = "the same share for edits and perception (samples with "
            + "reference images; default: the checkpoint's)")
    private Double referenceFreshNoise;

    @Option(names = "--answer-sheet", description = "also write every understanding question to this tab-separated "
            + "file: id, category, right (1 or 0), described (1 when a VLM that describes first wrote the scene's "
            + "caption word for word, else 0; empty for a VLM that answers directly), question, expected answer, the "
            + "model's answer, and all it wrote")
    private Path answerSheet;

    @Option(names = "--families", split = ",",
            description = "only these task families: understanding,generation,editing,perception (default: all)")
    private List<String> families;

    @Override
    public Integer call() throws Exception {
        if (perFamily < 1) {
            throw new IllegalArgumentException("--n must be at least 1");
        }
        Split chosen = switch (split) {
            case "test" -> Split.TEST;
            case "validation" -> Split.VALIDATION;
            default -> throw new IllegalArgumentException("--split must be test or validation, was '" + split + "'");
        };
        SamplerOverrides sampler = new SamplerOverrides(samplerSteps, cfgScale, freshNoise,
                referenceFreshNoise);
        // Step 1: the fixed evaluation set of the split
        RenderConfig render = new RenderConfig(resolution);
        List<TaskSample> samples = new TaskGenerator(new TaskConfig(render, Set.of())).evaluationSet(chosen,
                perFamily);
        if (families != null) {
            Set<TaskFamily> wanted = families.stream().map(EvalCommand::family).collect(Collectors.toSet());
            samples = samples.stream().filter(s -> wanted.contains(s.family())).toList();
        }
        // Step 2: the model, built in or from a checkpoint
        EvalReport report;
        String answerSummary = "";
        try (VisualModel visualModel = new ModelResolver(render, samples, sampler).resolve(model)) {
            // Step 3: score and report
            ShapesWorldEvaluator evaluator = new ShapesWorldEvaluator(new SceneDetector());
            if (answerSheet == null) {
                report = evaluator.evaluate(visualModel, samples, perFamily);
            } else {
                try (AnswerSheet sheet = AnswerSheet.create(answerSheet)) {
                    report = evaluator.evaluate(visualModel, samples, perFamily, sheet::write);
                    answerSummary = sheet.summary();
                }
            }
        }
        Path jsonFile = json != null ? json : defaultReport(report.model(), split);
        ReportFormatter.writeJson(report, jsonFile);
        spec.commandLine().getOut().printf("split: %s%s%n", split,
                sampler.describe().isEmpty() ? "" : "; sampler: " + sampler.describe());
        spec.commandLine().getOut().print(ReportFormatter.tables(report));
        if (!answerSummary.isEmpty()) {
            spec.commandLine().getOut().println(System.lineSeparator() + answerSummary + " (" + answerSheet + ")");
        }
        spec.commandLine().getOut().println(System.lineSeparator() + "JSON report: " + jsonFile);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static TaskFamily family(String label) {
        return Arrays.stream(TaskFamily.values()).filter(f -> f.label().equals(label.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--families: unknown family '" + label
                        + "'; known: understanding, generation, editing, perception"));
    }

    /**
     * The report's default file: the model's last two path elements and the split, so that two runs' {@code model}
     * directories, or the two splits of one model, do not share it. A {@code name:} prefix (as in
     * {@code siglip-readout:DIR}) stays in the name, so that a calibration never writes over its checkpoint's report.
     */
    static Path defaultReport(String model, String split) {
        int colon = model.indexOf(':');
        boolean prefixed = colon > 1 && model.lastIndexOf('/', colon) < 0 && model.lastIndexOf('\\', colon) < 0;
        String prefix = prefixed ? model.substring(0, colon + 1) : "";
        Path path = Path.of(model.substring(prefix.length())).normalize();
        int names = path.getNameCount();
        Path tail = names >= 2 ? path.subpath(names - 2, names) : path.getFileName();
        String name = prefix + (tail == null ? "model" : tail.toString().replace(File.separatorChar, '-'));
        return Path.of("shapesworld-eval-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + split + ".json");
    }
}
