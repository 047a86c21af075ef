package dev.uniworld.deploy.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks numeric options before anything starts, so that a mistyped one is a usage error naming its flag. */
final class NumericOptions {

    private static final int HIGHEST = 65_535;

    private NumericOptions() {
    }

    /** @throws ParameterException unless {@code port} lies in [{@code lowest}, 65535] */
    static void requireInRange(CommandSpec spec, String flag, int port, int lowest) {
        if (port < lowest || port > HIGHEST) {
            throw new ParameterException(spec.commandLine(), flag + " must lie in " + lowest + ".." + HIGHEST
                    + ", was " + port);
        }
    }

    /** @throws ParameterException unless {@code value} is at least {@code lowest} */
    static void requireAtLeast(CommandSpec spec, String flag, long value, long lowest) {
        if (value < lowest) {
            throw new ParameterException(spec.commandLine(), flag + " must be at least " + lowest + ", was " + value);
        }
    }
}
