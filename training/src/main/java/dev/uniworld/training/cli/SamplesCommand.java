package dev.uniworld.training.cli;

import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Renders one test sample of every category into a PNG sheet: input | prompt | target. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "Write a PNG grid with one sample of every task category (input | prompt | target).")
final class SamplesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, description = "PNG file to write")
    private Path out;

    @Option(names = "--index", defaultValue = "0",
            description = "first test-sample index; category k shows sample index + k (default: ${DEFAULT-VALUE})")
    private long index;

    @Override
    public Integer call() throws Exception {
        TaskGenerator generator = new TaskGenerator(TaskConfig.DEFAULT);
        List<TaskSample> samples = new ArrayList<>();
        for (TaskCategory category : TaskCategory.values()) {
            samples.add(generator.sample(category, Split.TEST, index + category.ordinal()));
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(SampleSheet.render(samples), "png", out.toFile());
        spec.commandLine().getOut().println("wrote " + samples.size() + " samples to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
