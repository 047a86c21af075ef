package dev.uniworld.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.connector.FusedArrays;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.dit.LatentCodec;
import dev.uniworld.model.dit.PixelSpaceCodec;
import dev.uniworld.model.latent.AutoencoderCodec;
import dev.uniworld.model.nn.Weights;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.vlm.VlmModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * UniWorld for one process: owns the blocks of the stages it holds and the NDManager their weights live in, and runs
 * each stage on heap tensors so that pipeline operators can pass results between devices. Every call works in a
 * sub-manager closed before it returns: nothing created per call outlives it. Not thread-safe: one per operator.
 */
public final class UniWorldModel implements AutoCloseable {

    private final UniWorldConfig config;
    private final SpecialTokens specials;
    private final Set<Stage> stages;
    private final NDManager manager;
    private final UniWorldNetwork network;
    private final LatentCodec codec;

    private UniWorldModel(UniWorldConfig config, SpecialTokens specials, Set<Stage> stages, Device device) {
        this.config = config;
        this.specials = specials;
        this.stages = Set.copyOf(stages);
        this.manager = NDManager.newBaseManager(device);
        this.network = new UniWorldNetwork(config, specials, stages);
        // a latent preset without its decode stage has no codec: its autoencoder's weights are not loaded
        this.codec = config.latent().pixelSpace() ? new PixelSpaceCodec()
                : stages.contains(Stage.DECODE) ? new AutoencoderCodec(network.autoencoder()) : null;
    }

    /** All stages on the CPU with seeded weights. */
    public static UniWorldModel create(UniWorldConfig config, long seed) {
        return create(config, seed, Device.cpu(), EnumSet.allOf(Stage.class), SpecialTokens.WORD_LEVEL);
    }

    /**
     * Seeded weights: the same seed gives the same weights for every stage subset and device (see
     * {@code SeededInitializer}); the engine seed is set too, for anything random inside the engine.
     */
    public static UniWorldModel create(UniWorldConfig config, long seed, Device device, Set<Stage> stages,
            SpecialTokens specials) {
        Engine.getInstance().setRandomSeed((int) seed);
        UniWorldModel model = new UniWorldModel(config, specials, stages, device);
        Weights.initializeSeeded("", model.network, model.manager, seed);
        return model;
    }

    /** Reads config.json and the weights of {@code stages} from a checkpoint directory. */
    public static UniWorldModel load(Path dir, Device device, Set<Stage> stages, SpecialTokens specials) {
        UniWorldConfig config = CheckpointIo.readConfig(dir);
        UniWorldModel model = new UniWorldModel(config, specials, stages, device);
        try {
            Weights.initializeForLoading(model.network, model.manager);
            Set<String> absent = EnumSet.complementOf(EnumSet.copyOf(stages)).stream()
                    .map(UniWorldNetwork::prefix).collect(Collectors.toSet());
            CheckpointIo.load(dir, model.parameters(), absent, model.manager);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Writes config.json and the weights of the stages held. */
    public void save(Path dir) throws IOException {
        CheckpointIo.save(dir, config, parameters());
    }

    /** Every parameter by dotted path ("dit.double0.img.qkv.weight"). */
    public Map<String, Parameter> parameters() {
        return Weights.named("", network);
    }

    // Step 1: VLM encoding -------------------------------------------------------------------------------------------

    /**
     * @param tokenIds prompt ids per sample (see {@code PromptBuilder}); lengths may differ
     * @param images [N, 3, S, S] in [-1, 1] for the prompts' images in order, S = vlm.vision.imageSize; null for none
     * @return hidden [B, T, Dv] (T = longest prompt; [B, T, 2Dv] with the input embeddings beside the last layer when
     *     the connector reads them, see {@code VlmModel#conditioning}) and the ids
     */
    public VlmEncoding encodeVlm(int[][] tokenIds, HostTensor images) {
        try (NDManager sub = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(sub, false);
            NDArray ids = network.vlm().padTokenIds(sub, tokenIds); // [B, T]
            NDArray hidden = network.vlm().conditioning(store, ids, images == null ? null : images.toNDArray(sub),
                    config.connector().tokenEmbeddings(), false);
            return new VlmEncoding(HostTensor.of(hidden), deepCopy(tokenIds));
        }
    }

    /** The task head's choice on each prompt's last token. */
    public List<Task> chooseTask(VlmEncoding encoding) {
        try (NDManager sub = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(sub, false);
            NDArray hidden = network.vlm().lastLayer(encoding.hidden().toNDArray(sub)); // [B, T, Dv]
            NDArray last = VlmModel.lastTokens(hidden, lengths(encoding.tokenIds())); // [B, Dv]
            long[] best = network.vlm().taskLogits(store, last, false).argMax(1).toLongArray(); // [B]
            List<Task> out = new ArrayList<>();
            for (long index : best) {
                out.add(Task.values()[Math.toIntExact(index)]);
            }
            return out;
        }
    }

    /**
     * Greedy text answers of a VLM whose every generated token belongs to the answer (see {@link GreedyDecoder}); the
     * returned ids exclude the stop token.
     *
     * @throws IllegalArgumentException for a VLM that describes first and has answer layers, whose decoder must know
     *     where the description ends (the four-argument form)
     */
    public int[][] answer(int[][] tokenIds, HostTensor images, int maxNewTokens) {
        if (config.vlm().describesFirst() && config.vlm().answerLayers() > 0) {
            throw new IllegalArgumentException("this VLM describes first and answers through answer layers: give the "
                    + "id that ends its description (DescribedAnswers#separatorId)");
        }
        return answer(tokenIds, images, maxNewTokens, -1);
    }

    /**
     * Greedy text answers of a VLM that may describe the image first: {@code answerAfter} is the id that closes the
     * description ({@code DescribedAnswers#separatorId}), after which the answer layers write; -1 when every generated
     * token belongs to the answer. The returned ids exclude the stop token.
     */
    public int[][] answer(int[][] tokenIds, HostTensor images, int maxNewTokens, int answerAfter) {
        return new GreedyDecoder(network.vlm(), manager, specials, answerAfter).decode(tokenIds, images, maxNewTokens);
    }

    // Step 2: SigLIP encoding ----------------------------------------------------------------------------------------

    /** images [N, 3, S, S] in [-1, 1], S = siglip.imageSize -> last hidden state of every patch [N, P, Ds]. */
    public HostTensor encodeSiglip(HostTensor images) {
        try (NDManager sub = manager.newSubManager()) {
            return HostTensor.of(network.siglip().forward(new ParameterStore(sub, false), images.toNDArray(sub),
                    false));
        }
    }

    // Step 3: connector fusion ---------------------------------------------------------------------------------------

    /**
     * @param vlm the VLM stage's output for B prompts
     * @param siglip [N, P, Ds] for the prompts' images in order; null inserts nothing (text to image)
     * @param extraText [B, E, C] extra text-encoder tokens at context width; null for none
     * @param extraLengths valid extra tokens per sample; null when extraText is null
     */
    public FusedContext fuse(VlmEncoding vlm, HostTensor siglip, HostTensor extraText, int[] extraLengths) {
        try (NDManager sub = manager.newSubManager()) {
            FusedArrays fused = network.fusion().fuse(new ParameterStore(sub, false), vlm.hidden().toNDArray(sub),
                    vlm.tokenIds(), siglip == null ? null : siglip.toNDArray(sub),
                    extraText == null ? null : extraText.toNDArray(sub), extraLengths, false);
            return new FusedContext(HostTensor.of(fused.context()), fused.layout().lengths(),
                    HostTensor.of(fused.pooled()), fused.layout().imageStarts());
        }
    }

    // Step 4: DiT denoising ------------------------------------------------------------------------------------------

    /**
     * Runs the sampler from seeded noise (one seed per sample, so a sample's image does not depend on its batch).
     *
     * @param context the conditioning
     * @param unconditional the conditioning of an empty prompt, same batch size; required when sampler uses CFG
     * @return latents [B, C, h, w]
     */
    public HostTensor denoise(FusedContext context, FusedContext unconditional, SamplerConfig sampler, long[] seeds) {
        return new DenoiseLoop(network.dit(), config, manager).run(context, unconditional, sampler, seeds);
    }

    // Step 5: decode -------------------------------------------------------------------------------------------------

    /** latents [B, C, h, w] -> pixels [B, 3, H, W] in [-1, 1]. */
    public HostTensor decode(HostTensor latents) {
        if (!stages.contains(Stage.DECODE)) {
            throw new IllegalStateException("stage decode is not loaded in this model");
        }
        try (NDManager sub = manager.newSubManager()) {
            return HostTensor.of(codec.decode(latents.toNDArray(sub)));
        }
    }

    // what a trainer needs -------------------------------------------------------------------------------------------

    /** The block tree, for {@code Model.setBlock} / {@code Trainer}; its forward is the flow-matching path. */
    public UniWorldNetwork network() {
        return network;
    }

    public LatentCodec codec() {
        if (codec == null) {
            throw new IllegalStateException("stage decode, which holds the autoencoder, is not loaded in this model");
        }
        return codec;
    }

    /** The manager owning the weights; callers create per-batch sub-managers from it. */
    public NDManager manager() {
        return manager;
    }

    public UniWorldConfig config() {
        return config;
    }

    public SpecialTokens specials() {
        return specials;
    }

    public Set<Stage> stages() {
        return stages;
    }

    public Device device() {
        return manager.getDevice();
    }

    @Override
    public void close() {
        manager.close();
    }

    static int[] lengths(int[][] tokenIds) {
        return java.util.Arrays.stream(tokenIds).mapToInt(ids -> ids.length).toArray();
    }

    private static int[][] deepCopy(int[][] ids) {
        return java.util.Arrays.stream(ids).map(int[]::clone).toArray(int[][]::new);
    }
}
