package dev.uniworld.deploy.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Console noise control shared by the commands that run a mini cluster. */
final class ConsoleLogging {

    private ConsoleLogging() {
    }

    /**
     * A mini cluster and an embedded broker log warnings meant for cluster operators (metric name clashes, cancelled
     * checkpoints at shutdown); the commands print what happened themselves, so only errors of these libraries show.
     */
    static void onlyErrorsFromLibraries() {
        for (String logger : new String[] {"org.apache.flink", "org.apache.kafka", "kafka", "ai.djl"}) {
            Configurator.setLevel(logger, Level.ERROR);
        }
    }
}
