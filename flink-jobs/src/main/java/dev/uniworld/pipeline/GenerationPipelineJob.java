package dev.uniworld.pipeline;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.model.device.Stage;
import dev.uniworld.pipeline.config.PipelineConfig;
import dev.uniworld.pipeline.config.StageSettings;
import dev.uniworld.pipeline.io.Admission;
import dev.uniworld.pipeline.io.KafkaConnectors;
import dev.uniworld.pipeline.io.ResultAssembler;
import dev.uniworld.pipeline.io.UnreadableRequest;
import dev.uniworld.pipeline.model.LoadedModel;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.InFlightTypeInfo;
import dev.uniworld.pipeline.stage.BatchingStageOperator;
import dev.uniworld.pipeline.stage.DecodeStage;
import dev.uniworld.pipeline.stage.DitStage;
import dev.uniworld.pipeline.stage.FusionStage;
import dev.uniworld.pipeline.stage.Routes;
import dev.uniworld.pipeline.stage.SiglipStage;
import dev.uniworld.pipeline.stage.VlmStage;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The generation pipeline:
 *
 * <pre>
 * source -> admit -> vlm --UNDERSTAND--------------------------------------------> results
 *                      |--GENERATE------------------> fusion -> dit -> decode ------^
 *                      \--EDIT/PERCEIVE--> siglip ----^        failures (every stage) -> results + rejected
 * </pre>
 *
 * Takes its source and sinks from the caller (tests hand it their own); {@link #main} wires Kafka. Each stage is its
 * own operator with a uid, a name, its own slot sharing group and parallelism, so stages scale and take GPUs
 * independently and the web UI shows each stage's throughput and back pressure.
 */
public final class GenerationPipelineJob {

    private final Source<Either<GenerationRequest, UnreadableRequest>, ?, ?> source;
    private final Sink<GenerationResult> results;
    private final Sink<RequestRejected> rejected;
    private final PipelineConfig config;

    public GenerationPipelineJob(Source<Either<GenerationRequest, UnreadableRequest>, ?, ?> source,
            Sink<GenerationResult> results, Sink<RequestRejected> rejected, PipelineConfig config) {
        this.source = source;
        this.results = results;
        this.rejected = rejected;
        this.config = config;
    }

    /** {@code --key value} pairs as documented on {@link PipelineConfig}; runs until cancelled. */
    public static void main(String[] args) throws Exception {
        PipelineConfig config = PipelineConfig.fromMap(arguments(args));
        LoadedModel.verify(config.model()); // a broken checkpoint fails here, before anything is submitted
        new GenerationPipelineJob(KafkaConnectors.source(config.kafka()), KafkaConnectors.results(config.kafka()),
                KafkaConnectors.rejected(config.kafka()), config)
                .execute(StreamExecutionEnvironment.getExecutionEnvironment(config.flinkConfiguration()));
    }

    /** Builds the pipeline into {@code env} and runs it, blocking until it ends. */
    public void execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        env.execute(config.jobName());
    }

    /** Builds the pipeline into {@code env} and submits it, returning at once. */
    public JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.executeAsync(config.jobName());
    }

    /** Adds the pipeline to {@code env}, after applying the job's checkpointing, restart and type settings to it. */
    public void build(StreamExecutionEnvironment env) {
        env.configure(config.flinkConfiguration());
        env.setParallelism(config.parallelism());
        // Step 1: requests in, Avro left behind
        SingleOutputStreamOperator<InFlight> admitted = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "accepted requests").uid("requests-source")
                .process(new Admission(config.model()), InFlightTypeInfo.INSTANCE).uid("admit").name("admit");
        // Step 2: the model stages; text-to-image skips SigLIP, understanding leaves after the VLM
        SingleOutputStreamOperator<InFlight> vlm = stage(admitted, new VlmStage(settings(Stage.VLM),
                config.model()), Stage.VLM, "vlm encode");
        SingleOutputStreamOperator<InFlight> siglip = stage(vlm, new SiglipStage(settings(Stage.SIGLIP),
                config.model()), Stage.SIGLIP, "siglip encode");
        SingleOutputStreamOperator<InFlight> fusion = stage(siglip.union(vlm.getSideOutput(Routes.TEXT_TO_IMAGE)),
                new FusionStage(settings(Stage.FUSION), config.model()), Stage.FUSION, "connector fusion");
        SingleOutputStreamOperator<InFlight> dit = stage(fusion, new DitStage(settings(Stage.DIT), config.model()),
                Stage.DIT, "dit denoise");
        SingleOutputStreamOperator<InFlight> decode = stage(dit, new DecodeStage(settings(Stage.DECODE),
                config.model()), Stage.DECODE, "decode");
        // Step 3: finished and failed requests become results; failures also become rejections
        DataStream<InFlight> finished = decode.union(vlm.getSideOutput(Routes.ANSWERED),
                admitted.getSideOutput(Routes.FAILED), vlm.getSideOutput(Routes.FAILED),
                siglip.getSideOutput(Routes.FAILED), fusion.getSideOutput(Routes.FAILED),
                dit.getSideOutput(Routes.FAILED), decode.getSideOutput(Routes.FAILED));
        SingleOutputStreamOperator<GenerationResult> assembled = finished
                .process(new ResultAssembler(), TypeInformation.of(GenerationResult.class))
                .uid("assemble").name("assemble results");
        assembled.sinkTo(results).uid("results-sink").name("results sink");
        assembled.getSideOutput(ResultAssembler.REJECTED).sinkTo(rejected).uid("rejected-sink").name("rejected sink");
    }

    private StageSettings settings(Stage stage) {
        return config.stage(stage);
    }

    private SingleOutputStreamOperator<InFlight> stage(DataStream<InFlight> input, BatchingStageOperator operator,
            Stage stage, String name) {
        StageSettings s = settings(stage);
        return input.transform(name, InFlightTypeInfo.INSTANCE, operator)
                .uid(stage.key())
                .slotSharingGroup(s.slotSharingGroup())
                .setParallelism(s.parallelism());
    }

    /** Reads {@code --key value} pairs (the job's command line, also the operator's {@code job.args}). */
    public static Map<String, String> arguments(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --key value pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return values;
    }
}
