package dev.uniworld.training.eval;

import dev.uniworld.training.eval.EvalReport.CategoryResult;
import dev.uniworld.training.eval.EvalReport.FamilyResult;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskFamily;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums per-sample scores by category and turns them into an {@link EvalReport}. */
final class ScoreTally {

    /** Metric names per family, headline first. */
    static final Map<TaskFamily, List<String>> METRICS = Map.of(
            TaskFamily.UNDERSTANDING, List.of("accuracy"),
            TaskFamily.GENERATION, List.of("accuracy"),
            TaskFamily.EDITING, List.of("success", "applied", "preserved"),
            TaskFamily.PERCEPTION, List.of("success", "overlap", "pixel_accuracy"));

    private final Map<TaskCategory, double[]> sums = new EnumMap<>(TaskCategory.class);
    private final Map<TaskCategory, Integer> counts = new EnumMap<>(TaskCategory.class);

    /** Adds one sample's metric values, in the order of {@link #METRICS} for its family. */
    void add(TaskCategory category, double... values) {
        int expected = METRICS.get(category.family()).size();
        if (values.length != expected) {
            throw new IllegalArgumentException(category + " takes " + expected + " metrics, got " + values.length);
        }
        double[] sum = sums.computeIfAbsent(category, c -> new double[expected]);
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
        counts.merge(category, 1, Integer::sum);
    }

    EvalReport report(String model, int perFamily, int resolution) {
        List<FamilyResult> families = new ArrayList<>();
        for (TaskFamily family : TaskFamily.values()) {
            List<String> names = METRICS.get(family);
            List<CategoryResult> categories = new ArrayList<>();
            double[] overall = new double[names.size()];
            for (TaskCategory category : family.categories()) {
                int n = counts.getOrDefault(category, 0);
                if (n == 0) {
                    continue;
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    double mean = sums.get(category)[i] / n;
                    metrics.put(names.get(i), mean);
                    overall[i] += mean;
                }
                categories.add(new CategoryResult(category.label(), n, metrics));
            }
            Map<String, Double> overallMetrics = new LinkedHashMap<>();
            for (int i = 0; i < names.size() && !categories.isEmpty(); i++) {
                overallMetrics.put(names.get(i), overall[i] / categories.size());
            }
            if (!categories.isEmpty()) {
                families.add(new FamilyResult(family.label(), names, categories, overallMetrics));
            }
        }
        return new EvalReport(model, perFamily, resolution, families);
    }
}
