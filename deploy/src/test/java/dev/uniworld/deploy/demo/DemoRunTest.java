package dev.uniworld.deploy.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoRunTest {

    @Test
    void theWebUiTakesAFreePortAndSaysSoWhenTheOneAskedForIsHeld() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int port;
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = held.getLocalPort();
            assertEquals(0, demo(port).webUiPort(out));
            String said = printed.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("Port " + port + " is in use"), said);
        }
        // once it is released the port asked for is kept, without a word
        printed.reset();
        assertEquals(port, demo(port).webUiPort(out));
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
        assertEquals(0, demo(0).webUiPort(out));
    }

    private static DemoRun demo(int uiPort) {
        return new DemoRun(Path.of("out"), false, uiPort, "models/uniworld-tiny", 1, Duration.ofSeconds(1));
    }
}
