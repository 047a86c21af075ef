package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The files of a run's resume points: names, JSON, named tensors as safetensors, directory copies. */
final class RunFiles {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String EMA_FILE = "ema.safetensors";
    static final String EXTRA_FILE = "extra.safetensors";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String STATE_FILE = "state.json";

    private RunFiles() {
    }

    /** The {@code state.json} of a resume point. */
    static RunState readState(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(STATE_FILE).toFile(), RunState.class);
    }

    static void writeState(Path dir, RunState state) throws IOException {
        JSON.writeValue(dir.resolve(STATE_FILE).toFile(), state);
    }

    static void writeTensors(Path file, Map<String, NDArray> arrays) throws IOException {
        NDList list = new NDList();
        arrays.forEach((name, array) -> {
            array.setName(name);
            list.add(array);
        });
        try (OutputStream stream = Files.newOutputStream(file)) {
            list.encode(stream, NDList.Encoding.SAFETENSORS);
        }
    }

    static Map<String, NDArray> readTensors(Path file, NDManager manager) throws IOException {
        Map<String, NDArray> out = new HashMap<>();
        try (InputStream stream = Files.newInputStream(file)) {
            for (NDArray array : NDList.decode(manager, stream)) {
                out.put(array.getName(), array);
            }
        }
        return out;
    }

    static void copyDirectory(Path from, Path to) throws IOException {
        deleteRecursively(to);
        Files.createDirectories(to.toAbsolutePath().getParent());
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
