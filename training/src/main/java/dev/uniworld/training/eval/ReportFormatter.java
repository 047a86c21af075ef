package dev.uniworld.training.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.uniworld.training.eval.EvalReport.CategoryResult;
import dev.uniworld.training.eval.EvalReport.FamilyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes an {@link EvalReport} as text tables (one per family) and as JSON. */
public final class ReportFormatter {

    private static final String ROW = "%-20s %5s";
    private static final String CELL = " %15s";

    private ReportFormatter() {
    }

    public static String tables(EvalReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ShapesWorld evaluation: model %s, %d samples per family, %dx%d%n",
                report.model(), report.perFamily(), report.resolution(), report.resolution()));
        for (FamilyResult family : report.families()) {
            out.append(String.format(Locale.ROOT, "%n== %s ==%n", family.family()));
            out.append(String.format(Locale.ROOT, ROW, "category", "n"));
            family.metrics().forEach(m -> out.append(String.format(Locale.ROOT, CELL, m)));
            out.append(System.lineSeparator());
            int total = 0;
            for (CategoryResult category : family.categories()) {
                out.append(row(category.category(), String.valueOf(category.n()), category.metrics()));
                total += category.n();
            }
            out.append(row("overall", String.valueOf(total), family.overall()));
        }
        return out.toString();
    }

    private static String row(String name, String n, Map<String, Double> metrics) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, ROW, name, n));
        metrics.values().forEach(v -> row.append(String.format(Locale.ROOT, CELL,
                String.format(Locale.ROOT, "%.1f%%", 100 * v))));
        return row.append(System.lineSeparator()).toString();
    }

    public static void writeJson(EvalReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    }
}
