package dev.uniworld.pipeline.stage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.externalresource.ExternalResourceDriver;
import org.apache.flink.api.common.externalresource.ExternalResourceDriverFactory;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.configuration.Configuration;

/**
 * The contract of Flink's {@code GPUDriverFactory} ({@code flink-external-resource-gpu}, which Maven Central does not
 * carry for Flink 2.2): run {@code discovery-script.path} with the requested amount (and {@code discovery-script.args})
 * and read the comma-separated GPU indices it prints; each becomes a resource with the property {@code index}.
 */
public final class FakeGpuDriverFactory implements ExternalResourceDriverFactory {

    @Override
    public ExternalResourceDriver createExternalResourceDriver(Configuration config) {
        String script = config.getString("discovery-script.path", null);
        String args = config.getString("discovery-script.args", "");
        return amount -> {
            List<String> command = new java.util.ArrayList<>(List.of(script, String.valueOf(amount)));
            if (!args.isBlank()) {
                command.addAll(Arrays.asList(args.split(" ")));
            }
            Process process = new ProcessBuilder(command).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IOException("discovery script " + script + " failed");
            }
            return Arrays.stream(output.split(",")).map(String::strip).map(GpuInfo::new)
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        };
    }

    /** One GPU as the driver reports it. */
    record GpuInfo(String index) implements ExternalResourceInfo {
        @Override
        public Optional<String> getProperty(String key) {
            return key.equals("index") ? Optional.of(index) : Optional.empty();
        }

        @Override
        public Collection<String> getKeys() {
            return Set.of("index");
        }
    }
}
