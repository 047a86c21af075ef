package dev.uniworld.training.tasks;

import java.util.List;
import java.util.Locale;

/** Short text answers and how they are compared. */
public final class Answers {

    public static final String YES = "yes";
    public static final String NO = "no";
    public static final List<String> YES_NO = List.of(YES, NO);

    private Answers() {
    }

    public static String yesNo(boolean value) {
        return value ? YES : NO;
    }

    /** Exact match after lower-casing, trimming and dropping trailing punctuation: "Red." equals "red". */
    public static boolean matches(String expected, String actual) {
        return actual != null && normalise(expected).equals(normalise(actual));
    }

    static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).trim();
        return lower.replaceAll("[\\s?.,!]+$", "").replaceAll("\\s+", " ");
    }
}
