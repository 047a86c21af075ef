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

/**
 * The version a served checkpoint stamps on every result: {@code <weights>-<setup>}, the first 12 hex digits of the
 * weights' recorded SHA-256 ({@link CheckpointIo#DIGEST_FILE}), a dash, and the first 6 hex digits of the SHA-256 of
 * {@link CheckpointIo#CONFIG_FILE} followed by the vocabulary ({@link WordTokenizer#CHECKPOINT_FILE}, where present).
 * The config holds the sampler's settings and the vocabulary the words, and either changes the outputs as much as the
 * weights do, so two results with one version come from one model sampled one way.
 */
public final class CheckpointVersion {

    /** Hex digits kept of the weights' digest. */
    public static final int WEIGHTS_DIGITS = 12;
    /** Hex digits kept of the config and vocabulary's digest. */
    public static final int SETUP_DIGITS = 6;

    private CheckpointVersion() {
    }

    /**
     * Reads the version of the checkpoint in {@code dir}. The weights' digest is the recorded one (checked against the
     * weights when they load), so this reads a few kilobytes, not the weights.
     *
     * @throws UncheckedIOException when the digest or the config cannot be read
     */
    public static String of(Path dir) {
        String weights = read(dir.resolve(CheckpointIo.DIGEST_FILE)).strip().split("\\s+")[0];
        MessageDigest setup = sha256();
        setup.update(readBytes(dir.resolve(CheckpointIo.CONFIG_FILE)));
        Path vocabulary = dir.resolve(WordTokenizer.CHECKPOINT_FILE);
        if (Files.isRegularFile(vocabulary)) {
            setup.update(readBytes(vocabulary));
        }
        String setupHex = HexFormat.of().formatHex(setup.digest());
        return weights.substring(0, Math.min(WEIGHTS_DIGITS, weights.length())) + "-"
                + setupHex.substring(0, SETUP_DIGITS);
    }

    private static String read(Path file) {
        return new String(readBytes(file), StandardCharsets.US_ASCII);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.getFileName() + " unreadable", e);
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
