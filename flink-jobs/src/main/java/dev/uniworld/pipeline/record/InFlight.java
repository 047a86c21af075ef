package dev.uniworld.pipeline.record;

import dev.uniworld.events.Task;
import dev.uniworld.model.HostTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request on its way through the stages, with whatever the last stage produced. Each stage fills its own fields
 * and the next one reads them; fields a later stage no longer needs (input image bytes after SigLIP, VLM states after
 * fusion) are dropped so that records crossing the network stay small.
 *
 * <p>Immutable by convention: every {@code with...} method returns a copy. Flink hands the same object to chained
 * operators without copying ({@link InFlightSerializer#copy} returns it as is), which is only safe because nobody
 * mutates a record after emitting it; arrays inside are never written after construction.
 */
public final class InFlight {

    private RequestInfo request;
    private Task task;
    private List<byte[]> images = List.of();
    private int[] tokenIds;
    private HostTensor vlmHidden;
    private HostTensor siglip;
    private HostTensor context;
    private HostTensor pooled;
    private HostTensor unconditionalContext;
    private HostTensor unconditionalPooled;
    private HostTensor latents;
    private byte[] png;
    private String answer;
    private Failure failure;
    private List<StageTrace> trace = List.of();
    private String modelId = "";
    private String modelVersion = "";

    private InFlight() {
    }

    /** A newly admitted request: its task as asked, its encoded input images, nothing computed yet. */
    public static InFlight admitted(RequestInfo request, List<byte[]> images) {
        InFlight r = new InFlight();
        r.request = Objects.requireNonNull(request, "request");
        r.task = request.requestedTask();
        r.images = List.copyOf(images);
        return r;
    }

    /** Every field given; used by the serializer. */
    static InFlight of(RequestInfo request, Task task, List<byte[]> images, int[] tokenIds, HostTensor vlmHidden,
            HostTensor siglip, HostTensor context, HostTensor pooled, HostTensor unconditionalContext,
            HostTensor unconditionalPooled, HostTensor latents, byte[] png, String answer, Failure failure,
            List<StageTrace> trace, String modelId, String modelVersion) {
        InFlight r = admitted(request, images);
        r.task = task;
        r.tokenIds = tokenIds;
        r.vlmHidden = vlmHidden;
        r.siglip = siglip;
        r.context = context;
        r.pooled = pooled;
        r.unconditionalContext = unconditionalContext;
        r.unconditionalPooled = unconditionalPooled;
        r.latents = latents;
        r.png = png;
        r.answer = answer;
        r.failure = failure;
        r.trace = List.copyOf(trace);
        r.modelId = modelId;
        r.modelVersion = modelVersion;
        return r;
    }

    private InFlight copy() {
        return of(request, task, images, tokenIds, vlmHidden, siglip, context, pooled, unconditionalContext,
                unconditionalPooled, latents, png, answer, failure, trace, modelId, modelVersion);
    }

    /** The task after the task head's choice (AUTO resolves to UNDERSTAND, GENERATE or EDIT). */
    public InFlight withTask(Task resolved) {
        InFlight r = copy();
        r.task = resolved;
        return r;
    }

    /** The VLM's output: prompt ids and hidden states [T, Dv]. */
    public InFlight withVlm(int[] ids, HostTensor hidden) {
        InFlight r = copy();
        r.tokenIds = ids;
        r.vlmHidden = hidden;
        return r;
    }

    /** The request no longer needs its input images (text to image ignores any it was sent). */
    public InFlight withoutImages() {
        InFlight r = copy();
        r.images = List.of();
        return r;
    }

    /** SigLIP features [N, P, Ds]; the encoded images are not needed past this point. */
    public InFlight withSiglip(HostTensor features) {
        InFlight r = copy();
        r.siglip = features;
        r.images = List.of();
        return r;
    }

    /** The fused conditioning [L, C] and pooled vector [C]; the stage inputs are dropped. */
    public InFlight withContext(HostTensor fused, HostTensor pooledVector) {
        InFlight r = copy();
        r.context = fused;
        r.pooled = pooledVector;
        r.images = List.of();
        r.vlmHidden = null;
        r.siglip = null;
        return r;
    }

    /**
     * The classifier-free guidance branch's conditioning: the same images without the instruction, fused to [L', C]
     * and pooled [C]. Present while the request's kind is guided (a served CFG scale above 1 for it).
     */
    public InFlight withUnconditionalContext(HostTensor fused, HostTensor pooledVector) {
        InFlight r = copy();
        r.unconditionalContext = fused;
        r.unconditionalPooled = pooledVector;
        return r;
    }

    /** Denoised latents [C, h, w]; the conditioning is dropped. */
    public InFlight withLatents(HostTensor denoised) {
        InFlight r = copy();
        r.latents = denoised;
        r.context = null;
        r.pooled = null;
        r.unconditionalContext = null;
        r.unconditionalPooled = null;
        return r;
    }

    /** The finished image. */
    public InFlight withPng(byte[] encoded) {
        InFlight r = copy();
        r.png = encoded;
        r.latents = null;
        return r;
    }

    /** The finished text answer; tensors are dropped. */
    public InFlight withAnswer(String text) {
        InFlight r = copy();
        r.answer = text;
        r.images = List.of();
        r.vlmHidden = null;
        return r;
    }

    /** The request failed: every tensor is dropped, only the failure and the trace travel on. */
    public InFlight failed(Failure why) {
        return of(request, task, List.of(), null, null, null, null, null, null, null, null, null, null, why, trace,
                modelId, modelVersion);
    }

    public InFlight traced(StageTrace stage) {
        InFlight r = copy();
        List<StageTrace> all = new ArrayList<>(trace);
        all.add(stage);
        r.trace = List.copyOf(all);
        return r;
    }

    public InFlight withModel(String id, String version) {
        InFlight r = copy();
        r.modelId = id;
        r.modelVersion = version;
        return r;
    }

    public RequestInfo request() {
        return request;
    }

    public String requestId() {
        return request.requestId();
    }

    public Task task() {
        return task;
    }

    public List<byte[]> images() {
        return images;
    }

    public int[] tokenIds() {
        return tokenIds;
    }

    public HostTensor vlmHidden() {
        return vlmHidden;
    }

    public HostTensor siglip() {
        return siglip;
    }

    public HostTensor context() {
        return context;
    }

    public HostTensor pooled() {
        return pooled;
    }

    public HostTensor unconditionalContext() {
        return unconditionalContext;
    }

    public HostTensor unconditionalPooled() {
        return unconditionalPooled;
    }

    public HostTensor latents() {
        return latents;
    }

    public byte[] png() {
        return png;
    }

    public String answer() {
        return answer;
    }

    public Failure failure() {
        return failure;
    }

    public boolean isFailed() {
        return failure != null;
    }

    public List<StageTrace> trace() {
        return trace;
    }

    public String modelId() {
        return modelId;
    }

    public String modelVersion() {
        return modelVersion;
    }

    @Override
    public String toString() {
        return "InFlight[" + request.requestId() + " " + task + (failure == null ? "" : " FAILED " + failure.code())
                + " stages=" + trace.size() + "]";
    }
}
