package dev.uniworld.training.models;

import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.shapes.ShapeSize;
import dev.uniworld.training.tasks.NumberWords;
import dev.uniworld.training.tasks.ShapesVocabulary;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A baseline that never looks at the image, the question-only prior of VQA benchmarks: each question gets the answer
 * that training questions worded the same way had most often; a wording seen fewer than {@link #MIN_SEEN} times falls
 * back to its template (the question with every colour, kind, size, cell and number replaced by its kind of word).
 * Its understanding score is the level a model's must be read against: a question such as "is there a red circle?"
 * has a likelier answer before any image is seen. Image tasks get the first input back, as from {@link IdentityModel}.
 * The cell words include left, right, top and bottom, so a relation's "left of" is "{@code <cell>} of" in its
 * template: relation questions share their templates whatever the relation, all of them yes-or-no questions.
 */
public final class QuestionOnlyModel implements VisualModel {

    /** Training questions drawn per understanding category to count answers from. */
    public static final int DEFAULT_PER_CATEGORY = 5000;
    /** Fewer sightings of a wording than this, and its template's answer is taken instead. */
    static final int MIN_SEEN = 5;

    private static final Map<String, String> WORD_KINDS = wordKinds();

    private final Map<String, Map<String, Integer>> byWording = new HashMap<>();
    private final Map<String, Map<String, Integer>> byTemplate = new HashMap<>();
    private final IdentityModel images;

    /** Counts the answers of {@code perCategory} training-split questions of every understanding category. */
    public QuestionOnlyModel(TaskGenerator generator, int perCategory) {
        this.images = new IdentityModel(generator.config().render());
        for (TaskCategory category : TaskCategory.values()) {
            for (int i = 0; category.family() == TaskFamily.UNDERSTANDING && i < perCategory; i++) {
                TaskSample sample = generator.sample(category, Split.TRAIN, i);
                count(byWording, sample.prompt(), sample.answer());
                count(byTemplate, template(sample.prompt()), sample.answer());
            }
        }
    }

    @Override
    public String name() {
        return "question-only";
    }

    @Override
    public String answer(String prompt, List<BufferedImage> images) {
        Map<String, Integer> seen = byWording.getOrDefault(prompt, Map.of());
        if (seen.values().stream().mapToInt(Integer::intValue).sum() < MIN_SEEN) {
            seen = byTemplate.getOrDefault(template(prompt), Map.of());
        }
        // the most frequent answer; ties go to the first in alphabetical order, so that the baseline is repeatable
        return seen.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse("");
    }

    @Override
    public BufferedImage generate(String prompt, List<BufferedImage> inputs, long seed) {
        return images.generate(prompt, inputs, seed);
    }

    /** The question with every colour, kind, size, cell and number word replaced by the name of its kind. */
    static String template(String question) {
        return ShapesVocabulary.tokenize(question).stream().map(w -> WORD_KINDS.getOrDefault(w, w))
                .collect(Collectors.joining(" "));
    }

    private static void count(Map<String, Map<String, Integer>> table, String key, String answer) {
        table.computeIfAbsent(key, k -> new HashMap<>()).merge(answer, 1, Integer::sum);
    }

    private static Map<String, String> wordKinds() {
        Map<String, String> kinds = new HashMap<>();
        Stream.of(ShapeColour.values()).forEach(c -> kinds.put(c.word(), "<colour>"));
        Stream.of(ShapeKind.values()).forEach(k -> {
            kinds.put(k.word(), "<kind>");
            kinds.put(k.plural(), "<kinds>");
        });
        Stream.of(ShapeSize.values()).forEach(s -> kinds.put(s.word(), "<size>"));
        Stream.of(Cell.values()).forEach(c -> kinds.put(c.word(), "<cell>"));
        NumberWords.WORDS.forEach(n -> kinds.put(n, "<number>"));
        return Map.copyOf(kinds);
    }
}
