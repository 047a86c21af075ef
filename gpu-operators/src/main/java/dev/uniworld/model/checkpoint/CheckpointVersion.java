package dev.uniworld.model.checkpoint;

import dev.uniworld.model.tokenizer.WordTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The version a served checkpoint stamps on every result: {@code <weights>-<setup>}, the first 12 hex digits of the
 * weights' recorded SHA-256 ({@link CheckpointIo#DIGEST_FILE}), a dash, and the first 6 hex digits of the SHA-256 of
 * {@link CheckpointIo#CONFIG_FILE} and the vocabulary ({@link WordTokenizer#CHECKPOINT_FILE}, or a marker for the
 * built-in one), each framed by its name and length. The config holds the sampler's settings and the vocabulary the
 * words, and either changes the outputs as much as the weights do, so two results with one version come from one
 * model sampled one way. The files are hashed as bytes: the repository keeps {@code models/} out of line-ending
 * conversion ({@code .gitattributes}) so that a checkout serves the version its docs give.
 */
public final class CheckpointVersion {

    /** Hex digits kept of the weights' digest. */
    public static final int WEIGHTS_DIGITS = 12;
    /** Hex digits kept of the config and vocabulary's digest. */
    public static final int SETUP_DIGITS = 6;

    /** Stands for the built-in vocabulary in the digest when the checkpoint has no vocabulary file. */
    private static final String BUILT_IN_VOCABULARY = "built-in vocabulary";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private CheckpointVersion() {
    }

    /**
     * Reads the version of the checkpoint in {@code dir}. The weights' digest is the recorded one (checked against the
     * weights when they load), so this reads a few kilobytes, not the weights.
     *
     * @throws IllegalArgumentException when the digest or the config is missing, or the digest is not a SHA-256
     * @throws UncheckedIOException when one of them cannot be read
     */
    public static String of(Path dir) {
        String recorded = new String(readBytes(dir, CheckpointIo.DIGEST_FILE), StandardCharsets.US_ASCII).strip();
        String weights = recorded.isEmpty() ? "" : recorded.split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(weights).matches()) {
            throw new IllegalArgumentException(CheckpointIo.DIGEST_FILE + " in " + dir
                    + " does not start with a SHA-256 in hex (64 digits), read '" + abbreviate(recorded) + "'");
        }
        MessageDigest setup = sha256();
        frame(setup, CheckpointIo.CONFIG_FILE, readBytes(dir, CheckpointIo.CONFIG_FILE));
        if (Files.isRegularFile(dir.resolve(WordTokenizer.CHECKPOINT_FILE))) {
            frame(setup, WordTokenizer.CHECKPOINT_FILE, readBytes(dir, WordTokenizer.CHECKPOINT_FILE));
        } else {
            frame(setup, BUILT_IN_VOCABULARY, new byte[0]);
        }
        return weights.substring(0, WEIGHTS_DIGITS) + "-"
                + HexFormat.of().formatHex(setup.digest()).substring(0, SETUP_DIGITS);
    }

    /** Name, length, bytes: so that moving bytes from one file to the next, or an empty file, changes the digest. */
    private static void frame(MessageDigest digest, String name, byte[] content) {
        digest.update((name + "\n" + content.length + "\n").getBytes(StandardCharsets.US_ASCII));
        digest.update(content);
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }

    private static byte[] readBytes(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing " + name + " in " + dir);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " in " + dir + " unreadable: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
