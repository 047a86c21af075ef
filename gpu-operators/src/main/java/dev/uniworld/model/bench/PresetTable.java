package dev.uniworld.model.bench;

import dev.uniworld.model.config.ParameterCounts;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints every preset's analytic parameter counts per stage (no model is built, so {@code uniworld-v1} costs
 * nothing): {@code ./uniworld presets}.
 */
public final class PresetTable {

    private PresetTable() {
    }

    public static void main(String[] args) {
        System.out.println("| preset | image | DiT image tokens | VLM | SigLIP | connectors | DiT | total |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        Map<String, UniWorldConfig> presets = new TreeMap<>(Presets.all());
        presets.forEach((name, c) -> System.out.printf("| %s | %d² | %d | %s | %s | %s | %s | %s |%n", name,
                c.imageSize(), c.imageTokens(), human(ParameterCounts.vlm(c.vlm())),
                human(ParameterCounts.vit(c.siglip())), human(ParameterCounts.connectors(c)),
                human(ParameterCounts.dit(c)), human(ParameterCounts.total(c))));
    }

    /** 3,061,504 -> "3.06M", 8,150,000,000 -> "8.15B". */
    static String human(long count) {
        return count >= 1_000_000_000L ? String.format("%.2fB", count / 1e9) : String.format("%.2fM", count / 1e6);
    }
}
