package dev.uniworld.training.cli;

import dev.uniworld.training.eval.EvalReport;
import dev.uniworld.training.eval.ReportFormatter;
import dev.uniworld.training.eval.SceneDetector;
import dev.uniworld.training.eval.ShapesWorldEvaluator;
import dev.uniworld.training.models.ModelResolver;
import dev.uniworld.training.models.VisualModel;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Scores a model on the fixed-seed ShapesWorld test set; prints a table per family and writes the same as JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Run a model on the fixed-seed test set and print scores per family and category.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", defaultValue = "models/uniworld-tiny",
            description = "ground-truth, identity, noise, or a checkpoint path (default: ${DEFAULT-VALUE}, the shipped "
                    + "UniWorld-Tiny)")
    private String model;

    @Option(names = "--n", defaultValue = "50", description = "samples per task family (default: ${DEFAULT-VALUE})")
    private int perFamily;

    @Option(names = "--json", description = "where to write the JSON report (default: shapesworld-eval-<model>.json)")
    private Path json;

    @Option(names = "--resolution", defaultValue = "64",
            description = "image size in pixels (default: ${DEFAULT-VALUE}, the tiny model's)")
    private int resolution;

    @Override
    public Integer call() throws Exception {
        if (perFamily < 1) {
            throw new IllegalArgumentException("--n must be at least 1");
        }
        // Step 1: the fixed test set
        RenderConfig render = new RenderConfig(resolution);
        List<TaskSample> testSet = new TaskGenerator(new TaskConfig(render, Set.of())).testSet(perFamily);
        // Step 2: the model, built in or from a checkpoint
        EvalReport report;
        try (VisualModel visualModel = new ModelResolver(render, testSet).resolve(model)) {
            // Step 3: score and report
            report = new ShapesWorldEvaluator(new SceneDetector()).evaluate(visualModel, testSet, perFamily);
        }
        Path jsonFile = json != null ? json : Path.of("shapesworld-eval-" + fileSafe(report.model()) + ".json");
        ReportFormatter.writeJson(report, jsonFile);
        spec.commandLine().getOut().print(ReportFormatter.tables(report));
        spec.commandLine().getOut().println(System.lineSeparator() + "JSON report: " + jsonFile);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static String fileSafe(String name) {
        String base = Path.of(name).getFileName().toString();
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
