package dev.uniworld.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uniworld.cli.ExitCodes;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Numeric options are checked before anything starts: a usage error for a mistyped one, exit 3 for a taken port. */
class NumericOptionsTest {

    @Test
    void aPortOutsideTheRangeOrACountBelowOneIsAUsageError() {
        assertEquals(CommandLine.ExitCode.USAGE, UniworldCli.run("demo", "--ui-port", "70000"));
        assertEquals(CommandLine.ExitCode.USAGE, UniworldCli.run("local", "--kafka-port", "-1"));
        assertEquals(CommandLine.ExitCode.USAGE, UniworldCli.run("local", "--gateway-port", "-2"));
        assertEquals(CommandLine.ExitCode.USAGE, UniworldCli.run("demo", "--parallelism", "0"));
        assertEquals(CommandLine.ExitCode.USAGE, UniworldCli.run("demo", "--timeout-s", "0"));
        assertEquals(CommandLine.ExitCode.USAGE, UniworldCli.run("local", "--partitions", "0"));
    }

    @Test
    void localRefusesATakenWebUiPortBeforeStartingTheStack() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(ExitCodes.PORT_IN_USE, UniworldCli.run("local", "--ephemeral", "--kafka-port", "0",
                    "--registry-port", "0", "--gateway-port", "-1", "--ui-port", String.valueOf(taken.getLocalPort())));
        }
    }
}
