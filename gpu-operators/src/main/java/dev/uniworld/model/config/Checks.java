package dev.uniworld.model.config;

/** Argument checks shared by the config records, so every invalid value fails with its name. */
final class Checks {

    private Checks() {
    }

    static void positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    static void nonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    static void divides(String name, long value, String divisorName, long divisor) {
        if (divisor <= 0 || value % divisor != 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be a multiple of " + divisorName + " ("
                    + divisor + ")");
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
