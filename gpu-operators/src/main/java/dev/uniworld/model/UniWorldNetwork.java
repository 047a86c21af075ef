package dev.uniworld.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.connector.ContextFusion;
import dev.uniworld.model.connector.FusedArrays;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.dit.DitModel;
import dev.uniworld.model.latent.ConvAutoencoder;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.siglip.VitEncoder;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.vlm.VlmModel;
import java.util.Set;

/**
 * The block tree of the stages a process holds, rooted so that DJL's {@code Model.setBlock} and {@code Trainer} see
 * every parameter. Parameter paths start with the stage ("vlm.", "siglip.", "fusion.", "dit.") whichever stages are
 * present, so a DiT-only operator reads the same tensors from a full checkpoint.
 *
 * <p>Its forward is the trainable path of UniWorld (frozen VLM and SigLIP states in, velocity out): inputs vlmHidden
 * [B, T, Dv], tokenIds [B, T] int64 (right-padded), lengths [B] int32, siglip [N, P, Ds] (N may be 0), noisy latents
 * [B, C, h, w], sigma [B], guidance [B]; output velocity [B, C, h, w].
 */
public final class UniWorldNetwork extends ModelBlock {

    private final UniWorldConfig config;
    private final VlmModel vlm;
    private final VitEncoder siglip;
    private final ContextFusion fusion;
    private final DitModel dit;
    private final ConvAutoencoder autoencoder;

    public UniWorldNetwork(UniWorldConfig config, SpecialTokens specials, Set<Stage> stages) {
        this.config = config;
        vlm = stages.contains(Stage.VLM) ? addChildBlock("vlm", new VlmModel(config.vlm(), specials)) : null;
        siglip = stages.contains(Stage.SIGLIP) ? addChildBlock("siglip", new VitEncoder(config.siglip())) : null;
        int vlmWidth = config.connector().vlmInputWidth(config.vlm().hidden());
        fusion = stages.contains(Stage.FUSION) ? addChildBlock("fusion", new ContextFusion(config.connector(),
                vlmWidth, config.siglip().hidden(), specials.visionEnd())) : null;
        dit = stages.contains(Stage.DIT) ? addChildBlock("dit", new DitModel(config)) : null;
        autoencoder = stages.contains(Stage.DECODE) && !config.latent().pixelSpace()
                ? addChildBlock("decode", new ConvAutoencoder(config.latent())) : null;
    }

    /** Path prefix of a stage's parameters ("dit."); decode has none in pixel space, the autoencoder's otherwise. */
    public static String prefix(Stage stage) {
        return stage.key() + ".";
    }

    public VlmModel vlm() {
        return require(vlm, Stage.VLM);
    }

    public VitEncoder siglip() {
        return require(siglip, Stage.SIGLIP);
    }

    public ContextFusion fusion() {
        return require(fusion, Stage.FUSION);
    }

    public DitModel dit() {
        return require(dit, Stage.DIT);
    }

    /** The latent's autoencoder (its encoder makes training targets, its decoder the pictures); none in pixel space. */
    public ConvAutoencoder autoencoder() {
        if (config.latent().pixelSpace()) {
            throw new IllegalStateException(config.name() + " denoises pixels: it has no autoencoder");
        }
        return require(autoencoder, Stage.DECODE);
    }

    public UniWorldConfig config() {
        return config;
    }

    private static <T> T require(T block, Stage stage) {
        if (block == null) {
            throw new IllegalStateException("stage " + stage.key() + " is not loaded in this model");
        }
        return block;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
            PairList<String, Object> params) {
        FusedArrays fused = fusion().fuse(store, new NDList(in.get(0), in.get(1), in.get(2), in.get(3)), training);
        return new NDList(velocity(store, in.get(4), in.get(5), fused, in.get(6), training)); // [B, C, h, w]
    }

    /** DiT velocity [B, C, h, w] from a fusion result already computed (e.g. cached per sample by a trainer). */
    public NDArray velocity(ParameterStore store, NDArray noisy, NDArray sigma, FusedArrays fused, NDArray guidance,
            boolean training) {
        return velocityWithImageTokens(store, noisy, sigma, fused, guidance, training).get(0);
    }

    /** As {@link #velocity}, then the DiT's image tokens [B, N, D] after its double-stream blocks. */
    public NDList velocityWithImageTokens(ParameterStore store, NDArray noisy, NDArray sigma, FusedArrays fused,
            NDArray guidance, boolean training) {
        return dit().forwardWithImageTokens(store, noisy, sigma, fused.context(), fused.keep(), fused.pooled(),
                guidance, fused.layout().imageStarts(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[4]};
    }
}
