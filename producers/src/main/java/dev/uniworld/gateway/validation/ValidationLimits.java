package dev.uniworld.gateway.validation;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the gateway accepts. Defaults suit the embedded UniWorld-Tiny model; a larger model raises the size limits.
 *
 * @param maxPromptChars      longest prompt, in characters (default 2000)
 * @param maxImages           most input images per request (default 4)
 * @param maxInlineImageBytes largest inline image file (default 4 MiB; larger images travel by URI)
 * @param maxImageSide        widest / tallest input image, read from the file header (default 4096)
 * @param allowedUriSchemes   schemes an image URI may use (default: file, the scheme the pipeline reads; add others
 *                            only where the pipeline's image reader can fetch them)
 * @param allowedUriRoots     folders an image URI must lie in after normalisation (a root without its trailing
 *                            {@code /} gets one; default: {@code data/} of the working directory as a {@code file:}
 *                            URI); empty allows none
 * @param minSteps            fewest sampler steps (default 1)
 * @param maxSteps            most sampler steps (default 200)
 * @param maxGuidance         largest guidance scale; guidance must be finite and >= 0 (default 30)
 * @param sizeMultiple        output width and height must be multiples of this (default 16: the reference VAE's 8x
 *                            down-sampling times 2x2 packing; the tiny model accepts any multiple of its patch size)
 * @param minSide             smallest output side (default 16)
 * @param maxSide             largest output side (default 1024)
 * @param maxAnswerTokens     upper bound for a text answer's tokens (default 512)
 */
public record ValidationLimits(int maxPromptChars, int maxImages, int maxInlineImageBytes, int maxImageSide,
                               Set<String> allowedUriSchemes, List<String> allowedUriRoots, int minSteps,
                               int maxSteps, float maxGuidance, int sizeMultiple, int minSide, int maxSide,
                               int maxAnswerTokens) {

    public ValidationLimits {
        allowedUriSchemes = Set.copyOf(allowedUriSchemes);
        // a root is a folder: without its slash, "file:///srv/data" would also admit "file:///srv/database/x.png"
        allowedUriRoots = allowedUriRoots.stream().map(root -> root.endsWith("/") ? root : root + "/").toList();
        if (sizeMultiple < 1 || minSide < sizeMultiple || maxSide < minSide) {
            throw new IllegalArgumentException("need 1 <= sizeMultiple <= minSide <= maxSide");
        }
    }

    public static ValidationLimits defaults() {
        String dataRoot = Path.of("data").toAbsolutePath().normalize().toUri().toString();
        return new ValidationLimits(2000, 4, 4 * 1024 * 1024, 4096, Set.of("file"),
                List.of(dataRoot), 1, 200, 30f, 16, 16, 1024, 512);
    }

    public ValidationLimits withAllowedUriRoots(List<String> roots) {
        return new ValidationLimits(maxPromptChars, maxImages, maxInlineImageBytes, maxImageSide, allowedUriSchemes,
                roots, minSteps, maxSteps, maxGuidance, sizeMultiple, minSide, maxSide, maxAnswerTokens);
    }

    public ValidationLimits withAllowedUriSchemes(Set<String> schemes) {
        return new ValidationLimits(maxPromptChars, maxImages, maxInlineImageBytes, maxImageSide, schemes,
                allowedUriRoots, minSteps, maxSteps, maxGuidance, sizeMultiple, minSide, maxSide, maxAnswerTokens);
    }

    /**
     * Whether {@code uri}'s normalised form starts with an allowed root. A {@code file:} URI is compared in the form
     * {@code Path.toUri} writes ({@code file:///...}), so that {@code file:/srv/x.png}, as {@code File.toURI} writes
     * it, is judged like {@code file:///srv/x.png}.
     */
    boolean underAllowedRoot(URI normalised) {
        String text = "file".equalsIgnoreCase(normalised.getScheme()) ? Path.of(normalised).toUri().toString()
                : normalised.toString();
        return allowedUriRoots.stream().anyMatch(text::startsWith);
    }
}
