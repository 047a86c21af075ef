package dev.uniworld.pipeline.stage;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.Task;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.VlmEncoding;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.tokenizer.DescribedAnswers;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.config.StageSettings;
import dev.uniworld.pipeline.model.LoadedModel;
import dev.uniworld.pipeline.record.Failure;
import dev.uniworld.pipeline.record.InFlight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.util.OutputTag;

/**
 * Stage 1, VLM encoding: the prompt (images, then the instruction) through the VLM. Routes each request by its task:
 * UNDERSTAND, and AUTO where the task head chooses text, is answered here by greedy decoding and leaves the pipeline
 * ({@link Routes#ANSWERED}); GENERATE goes straight to fusion ({@link Routes#TEXT_TO_IMAGE}); EDIT and PERCEIVE go on
 * to SigLIP (main output).
 */
public final class VlmStage extends BatchingStageOperator {

    private static final long serialVersionUID = 1L;

    public VlmStage(StageSettings settings, ModelSettings modelSettings) {
        super(Stage.VLM, settings, modelSettings);
    }

    /**
     * Image count, and text answers apart from the rest: greedy decoding takes many VLM passes, and an image request
     * batched with questions would wait for their answers before its DiT work can start. (AUTO requests go with the
     * image requests; the task head only decides after encoding.)
     */
    @Override
    protected Object bucketOf(InFlight request) {
        return request.images().size() + (request.task() == Task.UNDERSTAND ? "/text" : "/image");
    }

    @Override
    protected List<InFlight> compute(List<InFlight> batch, LoadedModel loaded) {
        UniWorldModel model = loaded.model();
        // images reach the VLM at the model's side, as in training; its vision tower resizes them to its own
        int side = model.config().imageSize();
        ImageCodec codec = new ImageCodec(modelSettings.maxImagePixels());
        PromptBuilder prompts = new PromptBuilder(loaded.tokenizer(), model.config().vlm().tokensPerImage());
        // Step 1: decode images and build prompts; a request with a bad image fails alone
        InFlight[] out = new InFlight[batch.size()];
        List<Integer> ok = new ArrayList<>();
        List<HostTensor> images = new ArrayList<>();
        List<int[]> ids = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            InFlight request = batch.get(i);
            try {
                requireImages(request);
                // text to image ignores input images: the prompt alone conditions the DiT
                boolean useImages = request.task() != Task.GENERATE;
                images.add(useImages ? ImageInputs.decode(request, codec, side) : null);
                ids.add(prompts.build(request.request().prompt(), useImages ? request.images().size() : 0));
                ok.add(i);
            } catch (StageException e) {
                out[i] = request.failed(new Failure(e.code(), stage.key(), e.field(), e.getMessage()));
            }
        }
        if (ok.isEmpty()) {
            return Arrays.asList(out);
        }
        // Step 2: encode the whole batch; the task head decides AUTO requests
        int[][] idArray = ids.toArray(int[][]::new);
        VlmEncoding encoding = model.encodeVlm(idArray, ImageInputs.concat(images));
        boolean anyAuto = ok.stream().anyMatch(i -> batch.get(i).task() == Task.AUTO);
        List<dev.uniworld.model.Task> heads = anyAuto ? model.chooseTask(encoding) : null;
        // Step 3: answer the text requests together, pass the image requests on with their hidden states
        List<Integer> answering = new ArrayList<>();
        for (int b = 0; b < ok.size(); b++) {
            InFlight request = batch.get(ok.get(b));
            Task task = resolve(request, heads == null ? null : heads.get(b));
            if (task == Task.UNDERSTAND) {
                answering.add(b);
                out[ok.get(b)] = request.withTask(task);
            } else {
                InFlight next = task == Task.GENERATE ? request.withoutImages() : request;
                out[ok.get(b)] = next.withTask(task).withVlm(idArray[b], encoding.hidden().sequence(b,
                        idArray[b].length));
            }
        }
        answer(answering, ok, idArray, images, out, loaded);
        return Arrays.asList(out);
    }

    private void answer(List<Integer> answering, List<Integer> ok, int[][] ids, List<HostTensor> images,
            InFlight[] out, LoadedModel loaded) {
        if (answering.isEmpty()) {
            return;
        }
        int[][] prompts = answering.stream().map(b -> ids[b]).toArray(int[][]::new);
        HostTensor pictures = ImageInputs.concat(answering.stream().map(images::get).toList());
        int limit = 0;
        for (int b : answering) {
            limit = Math.max(limit, maxTokens(out[ok.get(b)]));
        }
        DescribedAnswers described = loaded.answers();
        int[][] answers = loaded.model().answer(prompts, pictures, described.tokenBudget(limit),
                described.separatorId());
        for (int a = 0; a < answering.size(); a++) {
            InFlight request = out[ok.get(answering.get(a))];
            int[] tokens = described.answer(answers[a], maxTokens(request));
            out[ok.get(answering.get(a))] = request.withAnswer(loaded.tokenizer().decode(tokens));
        }
    }

    private int maxTokens(InFlight request) {
        Integer asked = request.request().maxAnswerTokens();
        return asked == null ? modelSettings.defaultMaxAnswerTokens() : asked;
    }

    /** AUTO follows the task head: text means UNDERSTAND, an image means EDIT with an input image, else GENERATE. */
    static Task resolve(InFlight request, dev.uniworld.model.Task head) {
        if (request.task() != Task.AUTO) {
            return request.task();
        }
        if (head == dev.uniworld.model.Task.ANSWER) {
            return Task.UNDERSTAND;
        }
        return request.images().isEmpty() ? Task.GENERATE : Task.EDIT;
    }

    private static void requireImages(InFlight request) {
        Task task = request.task();
        if ((task == Task.EDIT || task == Task.PERCEIVE || task == Task.UNDERSTAND) && request.images().isEmpty()) {
            throw new StageException(ReasonCode.MISSING_IMAGE, "images", task + " needs at least one input image");
        }
    }

    @Override
    protected OutputTag<InFlight> routeOf(InFlight output) {
        if (output.answer() != null) {
            return Routes.ANSWERED;
        }
        return output.task() == Task.GENERATE ? Routes.TEXT_TO_IMAGE : null;
    }
}
