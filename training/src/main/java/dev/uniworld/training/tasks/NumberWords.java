package dev.uniworld.training.tasks;

import java.util.List;

/** Counts as words; a scene holds at most four shapes, so zero to four is all the world needs. */
public final class NumberWords {

    public static final List<String> WORDS = List.of("zero", "one", "two", "three", "four");

    private NumberWords() {
    }

    public static String of(long count) {
        if (count < 0 || count >= WORDS.size()) {
            throw new IllegalArgumentException("no word for " + count);
        }
        return WORDS.get((int) count);
    }
}
