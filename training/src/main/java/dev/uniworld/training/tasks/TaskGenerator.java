package dev.uniworld.training.tasks;

import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.SceneRenderer;
import dev.uniworld.training.shapes.SceneSampler;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Generates ShapesWorld tasks of every family, deterministically from a seed: the same config and seed give the same
 * sample, in any order and on any thread (each call builds its own random source).
 */
public final class TaskGenerator {

    /** Redraws allowed when a scene cannot support a task; a handful always suffices, this is a safety net. */
    private static final int MAX_DRAWS = 500;

    private final TaskConfig config;
    private final SceneRenderer renderer;

    public TaskGenerator(TaskConfig config) {
        this.config = config;
        this.renderer = new SceneRenderer(config.render());
    }

    public TaskConfig config() {
        return config;
    }

    public SceneRenderer renderer() {
        return renderer;
    }

    /** The {@code index}-th sample of a split, its family and category drawn uniformly from its seed. */
    public TaskSample sample(Split split, long index) {
        long seed = split.seedFor(index);
        // a random source of its own, so the choice of task does not shift the draws of the task itself
        Random choice = random(~seed);
        TaskFamily family = TaskFamily.values()[choice.nextInt(TaskFamily.values().length)];
        List<TaskCategory> inFamily = family.categories();
        return generate(inFamily.get(choice.nextInt(inFamily.size())), seed);
    }

    /** The {@code index}-th sample of a given category in a split. */
    public TaskSample sample(TaskCategory category, Split split, long index) {
        return generate(category, split.seedFor(index));
    }

    /**
     * The fixed test set of the evaluation: {@code perFamily} samples of each family, its categories taking turns, all
     * from test seeds.
     */
    public List<TaskSample> testSet(int perFamily) {
        return evaluationSet(Split.TEST, perFamily);
    }

    /**
     * The same layout drawn from another split: {@link Split#VALIDATION} is where choices (sampler settings, recipe
     * variants) are measured, so that the test split only ever reports.
     */
    public List<TaskSample> evaluationSet(Split split, int perFamily) {
        List<TaskSample> samples = new ArrayList<>();
        TaskFamily[] families = TaskFamily.values();
        for (TaskFamily family : families) {
            List<TaskCategory> categories = family.categories();
            for (int i = 0; i < perFamily; i++) {
                long index = (long) i * families.length + family.ordinal();
                samples.add(sample(categories.get(i % categories.size()), split, index));
            }
        }
        return samples;
    }

    /** The sample of {@code category} for {@code seed}; its split is the seed's. */
    public TaskSample generate(TaskCategory category, long seed) {
        Split split = Split.of(seed);
        // Step 1: a sampler that keeps held-out pairs out of the train and validation splits
        boolean restricted = split != Split.TEST && !config.heldOut().isEmpty();
        SceneSampler sampler = new SceneSampler(object -> !restricted || !isHeldOut(object));
        // the category joins the seed so that categories sharing an index still see different scenes
        Random rng = random(seed ^ ((long) category.ordinal() << 56));
        // Step 2: draw until the scene supports the task
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            Optional<TaskDraft> draft = draft(category, sampler, rng);
            if (draft.isPresent() && (!restricted || !mentionsHeldOut(draft.get()))) {
                // Step 3: render inputs and targets
                return assemble(category, split, seed, draft.get());
            }
        }
        throw new IllegalStateException("no " + category + " task found for seed " + seed);
    }

    private Optional<TaskDraft> draft(TaskCategory category, SceneSampler sampler, Random rng) {
        return switch (category.family()) {
            case UNDERSTANDING -> new UnderstandingTasks(sampler).generate(category, rng);
            case GENERATION -> new GenerationTasks(sampler).generate(category, rng);
            case EDITING -> new EditingTasks(sampler).generate(category, rng);
            case PERCEPTION -> new PerceptionTasks(sampler, renderer).generate(category, rng);
        };
    }

    private TaskSample assemble(TaskCategory category, Split split, long seed, TaskDraft draft) {
        List<BufferedImage> inputs = draft.inputs().stream().map(renderer::render).toList();
        BufferedImage target = draft.targetImage();
        if (target == null && draft.targetScene() != null) {
            target = renderer.render(draft.targetScene());
        }
        String id = split.name().toLowerCase(Locale.ROOT) + "-" + seed + "-" + category.label();
        return new TaskSample(id, split, seed, category, draft.prompt(), draft.inputs(), inputs, draft.answer(),
                target, draft.targetScene(), draft.spec(), draft.subjects());
    }

    private boolean isHeldOut(SceneObject object) {
        return config.heldOut().stream().anyMatch(pair -> pair.matches(object));
    }

    /** Whether a held-out pair shows in any scene of the draft or is named in its prompt. */
    private boolean mentionsHeldOut(TaskDraft draft) {
        Stream<Scene> scenes = Stream.concat(draft.inputs().stream(), Stream.ofNullable(draft.targetScene()));
        boolean shown = scenes.flatMap(s -> s.objects().stream()).anyMatch(this::isHeldOut);
        String prompt = String.join(" ", ShapesVocabulary.tokenize(draft.prompt()));
        boolean named = config.heldOut().stream().anyMatch(pair -> containsPair(prompt, pair));
        return shown || named;
    }

    /** "red circle" and "red large circle"-style phrases; sizes are the only words prompts put between the two. */
    private static boolean containsPair(String prompt, HeldOutPair pair) {
        return prompt.matches(".*\\b" + pair.colour().word() + " (?:\\w+ )?" + pair.kind().word() + "s?\\b.*");
    }

    /** A well-mixed random source per seed: neighbouring seeds must not give correlated first draws. */
    private static Random random(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }
}
