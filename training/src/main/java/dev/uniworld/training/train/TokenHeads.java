package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 2's training-only heads on the DiT's image tokens, each there where the recipe weighs its loss: the referent
 * head (where the words act, {@link Recipe#referentLoss}) and the content head (what the target holds there, {@link
 * Recipe#contentLoss}). Their weights are run state only, saved with a run and never exported.
 */
final class TokenHeads {

    private final Recipe recipe;
    /** Null without a referent loss. */
    private final ReferentHead referent;
    /** Null without a content loss. */
    private final ContentHead content;

    private TokenHeads(Recipe recipe, ReferentHead referent, ContentHead content) {
        this.recipe = recipe;
        this.referent = referent;
        this.content = content;
    }

    /** The heads of {@code stage}: none in stage 1, which draws from words alone and learns the layout first. */
    static TokenHeads of(Recipe recipe, int stage, NDManager manager, int hidden) {
        boolean second = stage == 2;
        long seed = recipe.seedOfStage(stage);
        return new TokenHeads(recipe,
                second && recipe.referentLoss() > 0 ? new ReferentHead(manager, hidden, seed + 29) : null,
                second && recipe.contentLoss() > 0 ? new ContentHead(manager, hidden, seed + 30) : null);
    }

    /** A batch's labels for each head there is; a field is null where its head is not. */
    record Targets(ReferentHead.Targets referent, ContentHead.Targets content) {
    }

    boolean any() {
        return referent != null || content != null;
    }

    Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        if (referent != null) {
            out.putAll(referent.parameters());
        }
        if (content != null) {
            out.putAll(content.parameters());
        }
        return out;
    }

    /** @return null where there is no head */
    Targets targets(NDManager manager, List<TrainingData.DitExample> examples, int tokens) {
        if (!any()) {
            return null;
        }
        return new Targets(
                referent == null ? null : ReferentHead.targets(manager,
                        examples.stream().map(TrainingData.DitExample::referentCells).toList(), tokens),
                content == null ? null : ContentHead.targets(manager,
                        examples.stream().map(TrainingData.DitExample::contents).toList(), tokens));
    }

    /**
     * The heads' losses, each times its recipe weight, added to {@code velocityLoss}.
     *
     * @param tokens [B, N, D] image tokens where the double-stream blocks leave them
     */
    NDArray addTo(NDArray velocityLoss, ParameterStore store, NDArray tokens, Targets targets) {
        NDArray total = velocityLoss;
        if (referent != null) {
            total = total.add(referent.loss(store, tokens, targets.referent(), true)
                    .mul((float) recipe.referentLoss()));
        }
        if (content != null) {
            total = total.add(content.loss(store, tokens, targets.content(), true).mul((float) recipe.contentLoss()));
        }
        return total;
    }

    void close() {
        if (referent != null) {
            referent.close();
        }
        if (content != null) {
            content.close();
        }
    }
}
