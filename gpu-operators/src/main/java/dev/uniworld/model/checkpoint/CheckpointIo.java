package dev.uniworld.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.uniworld.model.config.UniWorldConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint directory: {@code config.json} (the {@link UniWorldConfig}), {@code model.safetensors} (every parameter
 * by dotted path) and {@code model.safetensors.sha256}. Safetensors carries no checksum of its own, so without the
 * digest a flipped byte inside a tensor would load silently.
 */
public final class CheckpointIo {

    public static final String CONFIG_FILE = "config.json";
    public static final String WEIGHTS_FILE = "model.safetensors";
    public static final String DIGEST_FILE = WEIGHTS_FILE + ".sha256";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointIo() {
    }

    /** Writes config, weights and digest into {@code dir} (created if missing). */
    public static void save(Path dir, UniWorldConfig config, Map<String, Parameter> parameters) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), config);
        NDList arrays = new NDList(parameters.size());
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray array = e.getValue().getArray();
            array.setName(e.getKey()); // names are informational in DJL; naming in place avoids copying every weight
            arrays.add(array);
        }
        Path weights = dir.resolve(WEIGHTS_FILE);
        try (OutputStream out = Files.newOutputStream(weights)) {
            arrays.encode(out, NDList.Encoding.SAFETENSORS);
        }
        Files.writeString(dir.resolve(DIGEST_FILE), sha256(weights), StandardCharsets.US_ASCII);
    }

    public static UniWorldConfig readConfig(Path dir) {
        try {
            return JSON.readValue(dir.resolve(CONFIG_FILE).toFile(), UniWorldConfig.class);
        } catch (IOException e) {
            throw new CheckpointException(dir.toString(), List.of(CONFIG_FILE + " unreadable: " + e.getMessage()));
        }
    }

    /**
     * Copies the stored tensors into {@code expected}, after checking all of them: missing, unexpected and mis-shaped
     * tensors are collected and reported together. Tensors under {@code otherStagePrefixes} belong to stages this model
     * does not hold and are skipped.
     */
    public static void load(Path dir, Map<String, Parameter> expected, Set<String> otherStagePrefixes,
            NDManager manager) {
        List<String> problems = new ArrayList<>();
        Path weights = dir.resolve(WEIGHTS_FILE);
        verifyDigest(dir, weights, problems);
        if (!problems.isEmpty()) {
            throw new CheckpointException(dir.toString(), problems);
        }
        try (NDManager scratch = manager.newSubManager(); InputStream in = Files.newInputStream(weights)) {
            Map<String, NDArray> stored = new HashMap<>();
            for (NDArray array : decode(scratch, in, problems)) {
                stored.put(array.getName(), array);
            }
            for (Map.Entry<String, Parameter> e : expected.entrySet()) {
                NDArray found = stored.get(e.getKey());
                if (found == null) {
                    problems.add("missing tensor " + e.getKey() + " " + e.getValue().getShape());
                } else if (!found.getShape().equals(e.getValue().getShape())
                        || found.getDataType() != e.getValue().getArray().getDataType()) {
                    problems.add("tensor " + e.getKey() + " is " + found.getDataType() + " " + found.getShape()
                            + ", model expects " + e.getValue().getArray().getDataType() + " "
                            + e.getValue().getShape());
                }
            }
            for (String name : stored.keySet()) {
                boolean otherStage = otherStagePrefixes.stream().anyMatch(name::startsWith);
                if (!expected.containsKey(name) && !otherStage) {
                    problems.add("unexpected tensor " + name + " " + stored.get(name).getShape());
                }
            }
            if (!problems.isEmpty()) {
                throw new CheckpointException(dir.toString(), problems);
            }
            for (Map.Entry<String, Parameter> e : expected.entrySet()) {
                stored.get(e.getKey()).copyTo(e.getValue().getArray());
            }
        } catch (IOException e) {
            throw new CheckpointException(dir.toString(), List.of(WEIGHTS_FILE + " unreadable: " + e.getMessage()));
        }
    }

    private static NDList decode(NDManager manager, InputStream in, List<String> problems) {
        try {
            return NDList.decode(manager, in);
        } catch (RuntimeException e) {
            problems.add(WEIGHTS_FILE + " is not valid safetensors: " + e);
            throw new CheckpointException("checkpoint", problems);
        }
    }

    private static void verifyDigest(Path dir, Path weights, List<String> problems) {
        if (!Files.isRegularFile(weights)) {
            problems.add("missing " + WEIGHTS_FILE);
            return;
        }
        Path digest = dir.resolve(DIGEST_FILE);
        if (!Files.isRegularFile(digest)) {
            problems.add("missing " + DIGEST_FILE + " (write it with sha256sum for weights converted elsewhere)");
            return;
        }
        try {
            String want = Files.readString(digest, StandardCharsets.US_ASCII).strip().split("\\s+")[0];
            String got = sha256(weights);
            if (!want.equalsIgnoreCase(got)) {
                problems.add(WEIGHTS_FILE + " is corrupted: sha256 " + got + ", recorded " + want);
            }
        } catch (IOException e) {
            problems.add(DIGEST_FILE + " unreadable: " + e.getMessage());
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
