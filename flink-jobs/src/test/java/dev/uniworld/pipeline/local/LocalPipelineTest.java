package dev.uniworld.pipeline.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LocalPipelineTest {

    @Test
    void aPortIsFreeOnlyWhileNoServerListensOnIt() throws Exception {
        int port;
        // held on the loopback address, as a mini cluster's REST endpoint is
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = held.getLocalPort();
            assertFalse(LocalPipeline.portFree(port));
        }
        assertTrue(LocalPipeline.portFree(port));
    }
}
