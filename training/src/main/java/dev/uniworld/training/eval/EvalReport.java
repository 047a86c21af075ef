package dev.uniworld.training.eval;

import java.util.List;
import java.util.Map;

/**
 * Scores of one model on one test set, per family and per category; metrics are fractions in [0, 1].
 *
 * @param model      the model's name or checkpoint
 * @param perFamily  samples per family
 * @param resolution image size the test set was rendered at
 * @param families   one entry per task family
 */
public record EvalReport(String model, int perFamily, int resolution, List<FamilyResult> families) {

    public EvalReport {
        families = List.copyOf(families);
    }

    /** The result of one family; throws when the report has none of that name. */
    public FamilyResult family(String name) {
        return families.stream().filter(f -> f.family().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no family " + name));
    }

    /**
     * @param family     e.g. "editing"
     * @param metrics    metric names, in table order; the first is the family's headline
     * @param categories per-category results
     * @param overall    per-metric mean over categories (GenEval's "overall" is the same macro average)
     */
    public record FamilyResult(String family, List<String> metrics, List<CategoryResult> categories,
            Map<String, Double> overall) {

        public CategoryResult category(String name) {
            return categories.stream().filter(c -> c.category().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no category " + name));
        }
    }

    /** @param n samples scored */
    public record CategoryResult(String category, int n, Map<String, Double> metrics) {

        public double metric(String name) {
            Double value = metrics.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no metric " + name + " in " + category);
            }
            return value;
        }
    }
}
