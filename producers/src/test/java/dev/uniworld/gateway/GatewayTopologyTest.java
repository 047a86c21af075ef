package dev.uniworld.gateway;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test over the gateway topology: a fresh {@link GatewayTopologyFixture} per test, in its own state directory. */
abstract class GatewayTopologyTest {

    @TempDir
    Path stateDir;

    GatewayTopologyFixture gateway;

    @BeforeEach
    void startGateway() {
        gateway = new GatewayTopologyFixture(stateDir);
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }
}
