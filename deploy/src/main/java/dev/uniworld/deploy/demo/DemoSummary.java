package dev.uniworld.deploy.demo;

import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ResultStatus;
import dev.uniworld.events.StageTiming;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures the demo prints: how many results, throughput over the batch's wall time, and latency percentiles per
 * stage (queue wait plus the compute time of the request's batch) and end to end (submission to result).
 */
public record DemoSummary(int results, int ok, double wallSeconds, Map<String, List<Long>> stageMillis,
        List<Long> endToEndMillis) {

    private static final List<String> STAGE_ORDER = List.of("vlm", "siglip", "fusion", "dit", "decode");

    public static DemoSummary of(Collection<GenerationResult> results, long firstSubmitMillis, long lastResultMillis) {
        Map<String, List<Long>> stages = new LinkedHashMap<>();
        STAGE_ORDER.forEach(s -> stages.put(s, new ArrayList<>()));
        List<Long> endToEnd = new ArrayList<>();
        int ok = 0;
        for (GenerationResult r : results) {
            ok += r.getStatus() == ResultStatus.OK ? 1 : 0;
            for (StageTiming t : r.getStages()) {
                stages.computeIfAbsent(t.getStage(), k -> new ArrayList<>()).add(t.getQueueMillis()
                        + t.getComputeMillis());
            }
            endToEnd.add(r.getCompletedAt().toEpochMilli() - firstSubmitMillis);
        }
        return new DemoSummary(results.size(), ok, (lastResultMillis - firstSubmitMillis) / 1000.0, stages, endToEnd);
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%d results (%d OK, %d FAILED) in %.1f s: %.2f requests/s%n", results, ok,
                results - ok, wallSeconds, results / Math.max(wallSeconds, 1e-3));
        out.println("  stage      requests   p50 ms   p95 ms   (queue wait + batch compute)");
        stageMillis.forEach((stage, values) -> {
            if (!values.isEmpty()) {
                out.printf(Locale.ROOT, "  %-10s %8d %8d %8d%n", stage, values.size(), percentile(values, 50),
                        percentile(values, 95));
            }
        });
        out.printf(Locale.ROOT, "  %-10s %8d %8d %8d   (from the batch's submission)%n", "end-to-end",
                endToEndMillis.size(), percentile(endToEndMillis, 50), percentile(endToEndMillis, 95));
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
