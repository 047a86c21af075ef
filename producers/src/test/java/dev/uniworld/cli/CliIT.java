package dev.uniworld.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.uniworld.gateway.Gateway;
import dev.uniworld.gateway.GatewayConfig;
import dev.uniworld.schemas.topics.TopicProvisioner;
import dev.uniworld.schemas.topics.Topics;
import dev.uniworld.testkit.ClusterTest;
import dev.uniworld.testkit.TestCluster;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a broker, registry and gateway (no pipeline): requests are accepted and tracked. */
class CliIT {

    @TempDir
    Path tmp;

    @ClusterTest
    void batchSubmitsAFolderAndTheGatewayTracksIt(TestCluster cluster) throws Exception {
        TopicProvisioner.ensure(Map.of("bootstrap.servers", cluster.bootstrapServers()), Topics.local().all());
        Path folder = Files.createDirectories(tmp.resolve("images"));
        for (String name : new String[] {"one", "two", "three"}) {
            BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.BLUE);
            g.fillRect(16, 16, 32, 32);
            g.dispose();
            ImageIO.write(image, "png", folder.resolve(name + ".png").toFile());
        }
        GatewayConfig config = GatewayConfig.defaults(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
                .withStateDir(tmp.resolve("state")).withStatusPort(0);
        try (Gateway gateway = Gateway.start(config)) {
            gateway.awaitRunning(Duration.ofSeconds(60));
            String[] connection = {"--bootstrap-servers=" + cluster.bootstrapServers(),
                "--registry-url=" + cluster.schemaRegistryUrl(), "--status-url=" + gateway.statusUrl()};

            // With no pipeline running, the batch is accepted and tracked but cannot finish
            CliRun batch = CliRun.of(concat(new String[] {"batch", folder.toString(), "-p", "make the square red",
                "--batch-id", "cli-batch", "--timeout", "PT4S"}, connection));
            assertEquals(ExitCodes.TIMEOUT, batch.exitCode(), batch.err());
            assertTrue(batch.out().contains("batch cli-batch: 3 requests"), batch.out());
            assertTrue(batch.err().contains("3 requests submitted"), batch.err());

            CliRun status = waitForBatch(connection);
            assertEquals(ExitCodes.OK, status.exitCode(), status.err());
            assertTrue(status.out().contains("\"total\":3") && status.out().contains("RUNNING"), status.out());

            // A request the gateway refuses ends the wait at once, with the reason
            CliRun refused = CliRun.of(concat(new String[] {"submit", "--task", "GENERATE", "-p", "a red circle",
                "--steps", "0", "--wait", "--timeout", "PT60S"}, connection));
            assertEquals(ExitCodes.REQUEST_FAILED, refused.exitCode(), refused.err());
            assertTrue(refused.out().contains("REJECTED PARAMETER_OUT_OF_RANGE"), refused.out());

            // An unreachable registry has its own exit code
            CliRun noRegistry = CliRun.of("submit", "--task", "GENERATE", "-p", "x",
                    "--bootstrap-servers=" + cluster.bootstrapServers(), "--registry-url=http://127.0.0.1:1");
            assertEquals(ExitCodes.REGISTRY_UNREACHABLE, noRegistry.exitCode(), noRegistry.err());

            assertEquals(ExitCodes.NOT_FOUND, CliRun.of(concat(new String[] {"status", "nobody"}, connection))
                    .exitCode());
        }
    }

    private static CliRun waitForBatch(String[] connection) throws InterruptedException {
        CliRun status = CliRun.of(concat(new String[] {"status", "cli-batch"}, connection));
        for (int i = 0; i < 50 && !status.out().contains("\"total\":3"); i++) {
            Thread.sleep(200);
            status = CliRun.of(concat(new String[] {"status", "cli-batch"}, connection));
        }
        return status;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
