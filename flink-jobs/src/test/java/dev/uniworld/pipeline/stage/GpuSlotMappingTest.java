package dev.uniworld.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import dev.uniworld.pipeline.record.InFlight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.externalresource.ExternalResourceDriverFactory;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.plugin.PluginManager;
import org.apache.flink.runtime.externalresource.ExternalResourceInfoProvider;
import org.apache.flink.runtime.externalresource.ExternalResourceUtils;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPU slots from Flink's external resource framework: a task manager configured with a {@code gpu} resource whose
 * discovery script reports fake indices. Each subtask takes the GPU at its index, and since no such GPU exists the
 * computation falls back to the CPU, which every result records.
 */
@SuppressWarnings("try") // the harnesses close() declares InterruptedException
class GpuSlotMappingTest {

    @TempDir
    Path dir;

    @Test
    void eachSubtaskTakesTheDiscoveredGpuAtItsIndexAndFallsBackToTheCpu() throws Exception {
        // Given: a discovery script that reports GPUs 3 and 5 (the real driver's output format)
        ExternalResourceInfoProvider gpus = provider(script("echo 3,5"));
        for (int subtask = 0; subtask < 2; subtask++) {
            // When
            InFlight out = decodeOneOn(gpus, subtask);
            // Then
            String expected = "cpu() [gpu " + (subtask == 0 ? 3 : 5) + " not visible]";
            assertEquals(expected, out.trace().get(0).device(), "subtask " + subtask);
        }
    }

    @Test
    void aConfiguredListWinsOverDiscoveryAndWrapsAroundBySubtask() {
        List<ExternalResourceInfo> discovered = List.of(gpu(5), gpu(3));
        assertEquals(new DeviceAssignment(5, Device.gpu(5)), DeviceAssignment.assign(List.of(), discovered, 1, 8));
        assertEquals(new DeviceAssignment(7, Device.gpu(7)), DeviceAssignment.assign(List.of(7), discovered, 1, 8));
        assertEquals(new DeviceAssignment(1, Device.gpu(1)),
                DeviceAssignment.assign(List.of(0, 1), List.of(), 3, 2));
        assertEquals(new DeviceAssignment(-1, Device.cpu()), DeviceAssignment.assign(List.of(), List.of(), 0, 2));
        assertEquals(new DeviceAssignment(7, Device.cpu()), DeviceAssignment.assign(List.of(7), List.of(), 0, 2));
    }

    /** A GPU as Flink's GPU driver reports it: its index is its only property. */
    private static ExternalResourceInfo gpu(int index) {
        return new ExternalResourceInfo() {
            @Override
            public Optional<String> getProperty(String key) {
                return "index".equals(key) ? Optional.of(Integer.toString(index)) : Optional.empty();
            }

            @Override
            public Collection<String> getKeys() {
                return List.of("index");
            }
        };
    }

    private InFlight decodeOneOn(ExternalResourceInfoProvider gpus, int subtask) throws Exception {
        MockEnvironment env = new MockEnvironmentBuilder().setParallelism(2).setMaxParallelism(2)
                .setSubtaskIndex(subtask).setExternalResourceInfoProvider(gpus).build();
        try (var harness = new OneInputStreamOperatorTestHarness<>(new DecodeStage(
                StageRecords.batching("decode", 1, 0), StageRecords.MODEL), env)) {
            harness.open();
            harness.processElement(new StreamRecord<>(StageRecords.decoded("r" + subtask, null, null)));
            return harness.extractOutputValues().get(0);
        }
    }

    /** The task manager's provider, built by Flink from configuration as a task manager builds it. */
    private static ExternalResourceInfoProvider provider(Path script) {
        Configuration conf = new Configuration();
        conf.setString("external-resources", "gpu");
        conf.setString("external-resource.gpu.amount", "2");
        conf.setString("external-resource.gpu.driver-factory.class", FakeGpuDriverFactory.class.getName());
        conf.setString("external-resource.gpu.param.discovery-script.path", script.toString());
        PluginManager plugins = new PluginManager() {
            @Override
            @SuppressWarnings("unchecked")
            public <P> Iterator<P> load(Class<P> service) {
                return service == ExternalResourceDriverFactory.class
                        ? (Iterator<P>) List.of(new FakeGpuDriverFactory()).iterator()
                        : java.util.Collections.emptyIterator();
            }
        };
        return ExternalResourceUtils.createStaticExternalResourceInfoProviderFromConfig(conf, plugins);
    }

    private Path script(String body) throws Exception {
        Path script = dir.resolve("discover-gpus.sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
