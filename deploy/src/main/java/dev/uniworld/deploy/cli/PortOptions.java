package dev.uniworld.deploy.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks port options before anything starts, so that a mistyped port is a usage error naming its flag. */
final class PortOptions {

    private static final int HIGHEST = 65_535;

    private PortOptions() {
    }

    /** @throws ParameterException unless {@code port} lies in [{@code lowest}, 65535] */
    static void requireInRange(CommandSpec spec, String flag, int port, int lowest) {
        if (port < lowest || port > HIGHEST) {
            throw new ParameterException(spec.commandLine(), flag + " must lie in " + lowest + ".." + HIGHEST
                    + ", was " + port);
        }
    }
}
