package dev.uniworld.model.tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level tokenizer: lower-cased words, numbers and punctuation marks, each one vocabulary entry; ids 0..6 are the
 * {@link SpecialTokens#WORD_LEVEL} symbols, unknown words map to unk.
 */
public final class WordTokenizer implements Tokenizer {

    private static final Pattern TOKEN = Pattern.compile("[a-z]+|[0-9]+|[^\\sa-z0-9]");
    private static final String DEFAULT_VOCABULARY = "tiny-vocab.txt";
    /** Name of the vocabulary file stored beside a checkpoint's weights. */
    public static final String CHECKPOINT_FILE = "vocabulary.txt";

    private final List<String> words;
    private final Map<String, Integer> ids = new HashMap<>();

    /** @param vocabulary words after the special symbols, in id order starting at 7; no duplicates */
    public WordTokenizer(List<String> vocabulary) {
        List<String> all = new ArrayList<>(List.of(SpecialTokens.WORD_LEVEL_SYMBOLS));
        all.addAll(vocabulary);
        for (int i = 0; i < all.size(); i++) {
            if (ids.putIfAbsent(all.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate vocabulary entry: " + all.get(i));
            }
        }
        this.words = List.copyOf(all);
    }

    /** The ShapesWorld vocabulary shipped with the tiny preset. */
    public static WordTokenizer tinyVocabulary() {
        try (InputStream in = WordTokenizer.class.getResourceAsStream(DEFAULT_VOCABULARY)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_VOCABULARY);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WordTokenizer read(InputStream in) throws IOException {
        List<String> vocabulary = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                vocabulary.add(line.strip());
            }
        }
        return new WordTokenizer(vocabulary);
    }

    /**
     * The vocabulary a checkpoint was trained with ({@value #CHECKPOINT_FILE} in its directory), or the built-in tiny
     * vocabulary when the checkpoint carries none.
     */
    public static WordTokenizer forCheckpoint(Path checkpointDir) {
        Path file = checkpointDir.resolve(CHECKPOINT_FILE);
        return Files.isRegularFile(file) ? load(file) : tinyVocabulary();
    }

    /** Reads a vocabulary file: one word per line after the special symbols, blank lines and "#" comments skipped. */
    public static WordTokenizer load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #checkpointText()}: {@link #load} reads it back. */
    public void save(Path file) throws IOException {
        Files.writeString(file, checkpointText(), StandardCharsets.UTF_8);
    }

    /** The words after the special symbols, one a line, in id order, under a comment line. */
    public String checkpointText() {
        StringBuilder text = new StringBuilder("# word-level vocabulary: ids 0-6 are the special symbols\n");
        for (String word : words.subList(SpecialTokens.WORD_LEVEL_SYMBOLS.length, words.size())) {
            text.append(word).append('\n');
        }
        return text.toString();
    }

    /** Every entry in id order, the special symbols first. */
    public List<String> words() {
        return words;
    }

    @Override
    public int[] encode(String text) {
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        List<Integer> out = new ArrayList<>();
        while (m.find()) {
            out.add(ids.getOrDefault(m.group(), specials().unk()));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Words joined as written: a hyphen or an apostrophe binds its neighbours ("top-left", as ShapesWorld's answers
     * spell it; "what's") and other punctuation follows the word before it ("blue, please").
     */
    @Override
    public String decode(int[] tokenIds) {
        StringBuilder text = new StringBuilder();
        boolean joinNext = true;
        for (int id : tokenIds) {
            if (id < SpecialTokens.WORD_LEVEL_SYMBOLS.length || id >= words.size()) {
                continue;
            }
            String word = words.get(id);
            boolean binding = word.equals("-") || word.equals("'");
            boolean punctuation = !Character.isLetterOrDigit(word.charAt(0));
            if (!joinNext && !punctuation) {
                text.append(' ');
            }
            text.append(word);
            joinNext = binding;
        }
        return text.toString();
    }

    @Override
    public int vocabSize() {
        return words.size();
    }

    @Override
    public SpecialTokens specials() {
        return SpecialTokens.WORD_LEVEL;
    }
}
