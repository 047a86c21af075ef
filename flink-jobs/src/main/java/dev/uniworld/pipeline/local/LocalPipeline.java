package dev.uniworld.pipeline.local;

import dev.uniworld.pipeline.GenerationPipelineJob;
import dev.uniworld.pipeline.config.PipelineConfig;
import dev.uniworld.pipeline.io.KafkaConnectors;
import dev.uniworld.pipeline.model.LoadedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

/**
 * The pipeline on a Flink mini cluster inside this JVM, against Kafka: what {@code ./uniworld demo} and the
 * integration tests run. The mini cluster gets one slot per subtask of every slot sharing group (each stage has its
 * own) and its REST API, with the web UI when {@code flink-runtime-web} is on the class path, on the port given.
 */
public final class LocalPipeline implements AutoCloseable {

    /** How many REST ports a start picks before it fails, when each is taken before the endpoint binds it. */
    private static final int PICKED_PORT_ATTEMPTS = 3;

    private final JobClient job;
    private final int restPort;

    private LocalPipeline(JobClient job, int restPort) {
        this.job = job;
        this.restPort = restPort;
    }

    /**
     * Submits the Kafka-wired pipeline and returns once it is submitted. The model is checked first, so that a broken
     * checkpoint fails here with its reason ({@link LoadedModel.ModelLoadException}) rather than in the stages' tasks
     * of a job already running, where no request would ever be answered.
     */
    public static LocalPipeline start(PipelineConfig config, int restPort) throws Exception {
        LoadedModel.verify(config.model());
        return start(new GenerationPipelineJob(KafkaConnectors.source(config.kafka()),
                KafkaConnectors.results(config.kafka()), KafkaConnectors.rejected(config.kafka()), config), config,
                restPort);
    }

    /**
     * Submits {@code job}; {@code restPort} 0 picks a free port. A port found free can be taken by another socket (an
     * outgoing connection draws its local port from the same range) before the REST endpoint binds it, so a picked
     * port that fails to bind is replaced, up to {@value #PICKED_PORT_ATTEMPTS} picks in all; a port given is tried
     * once.
     */
    public static LocalPipeline start(GenerationPipelineJob job, PipelineConfig config, int restPort)
            throws Exception {
        if (restPort != 0) {
            return startOn(job, config, restPort);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return startOn(job, config, freePort());
            } catch (Exception e) {
                if (attempt == PICKED_PORT_ATTEMPTS || ExceptionUtils.findThrowable(e, BindException.class).isEmpty()) {
                    throw e;
                }
            }
        }
    }

    private static LocalPipeline startOn(GenerationPipelineJob job, PipelineConfig config, int port)
            throws Exception {
        Configuration conf = config.flinkConfiguration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, config.requiredSlots());
        conf.set(RestOptions.PORT, port);
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        // the REST API serves metrics from a cache refreshed this often (Flink's default is 10 s)
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, java.time.Duration.ofSeconds(1));
        StreamExecutionEnvironment env = webUiAvailable()
                ? StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf)
                : StreamExecutionEnvironment.createLocalEnvironment(conf);
        return new LocalPipeline(job.executeAsync(env), port);
    }

    public JobID jobId() {
        return job.getJobID();
    }

    /** Base URL of the mini cluster's REST API (and web UI). */
    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public JobClient client() {
        return job;
    }

    /** Cancels the job, which also stops its mini cluster. */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean webUiAvailable() {
        try {
            Class.forName("org.apache.flink.runtime.webmonitor.WebRuntimeMonitor", false,
                    LocalPipeline.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Whether a server could listen on {@code port} of 127.0.0.1 now, where the mini cluster's REST endpoint binds:
     * false while another one (a running {@code ./uniworld local}, a second demo) holds it. The probe binds as the
     * servers do, reusing the address (Linux then refuses a port only while something listens on it, not for
     * connections of a stopped server still closing).
     *
     * @throws IllegalArgumentException for a port outside 0..65535
     */
    public static boolean portFree(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must lie in 0..65535, was " + port);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
