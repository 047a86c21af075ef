package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.uniworld.model.checkpoint.CheckpointIo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

    /** Writes {@code state.json}, which marks a resume point complete, whole or not at all. */
    static void writeState(Path dir, RunState state) throws IOException {
        writeJsonWhole(dir.resolve(STATE_FILE), state);
    }

    /**
     * Writes JSON by way of a file beside it and a rename, so that a kill or a power cut leaves the old file or the new
     * one, never part of one.
     */
    static void writeJsonWhole(Path file, Object value) throws IOException {
        writeWhole(file, part -> JSON.writeValue(part.toFile(), value));
    }

    /** Writes one file's content to the path it is given. */
    @FunctionalInterface
    interface FileContent {
        void writeTo(Path file) throws IOException;
    }

    /**
     * Writes a file by way of a {@code .part} file beside it, synced to the disk, and a rename: a kill or a power cut
     * leaves the old file or the new one, never part of one.
     */
    static void writeWhole(Path file, FileContent content) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        content.writeTo(part);
        forceFile(part);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Puts the complete directory {@code fresh} in place of {@code dir} by renames alone: whenever a kill strikes, a
     * whole copy lies under {@code dir}, under {@code fresh}'s name or under {@code dir}'s name with {@code .old}.
     * {@code fresh} reaches the disk before the renames and the renames before the old copy goes, so that a power
     * cut does the same.
     */
    static void replaceDirectory(Path fresh, Path dir) throws IOException {
        Path old = dir.resolveSibling(dir.getFileName() + ".old");
        Path parent = dir.toAbsolutePath().getParent();
        deleteRecursively(old);
        forceTree(fresh);
        if (Files.exists(dir)) {
            Files.move(dir, old);
        }
        Files.move(fresh, dir);
        forceDirectory(parent);
        deleteRecursively(old);
    }

    /** Syncs every file and directory of a tree to the disk. */
    static void forceTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                if (Files.isDirectory(p)) {
                    forceDirectory(p);
                } else {
                    forceFile(p);
                }
            }
        }
    }

    static void forceFile(Path file) throws IOException {
        // opened for writing: some platforms flush nothing through a read-only handle
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Syncs a directory's entries (a rename, a new file) to the disk where the platform allows it. Windows cannot open
     * a directory, and some network and user-space file systems refuse to sync one; their writes are then as safe as
     * they make them, and a run goes on rather than stopping at every save.
     */
    static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // nothing more can be done for this directory here
        }
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

    /** Copies a directory tree; a resume point's {@code state.json} comes last, so half a copy is never taken. */
    static void copyDirectory(Path from, Path to) throws IOException {
        deleteRecursively(to);
        Files.createDirectories(to.toAbsolutePath().getParent());
        Path stateFile = from.resolve(STATE_FILE);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(p -> !p.equals(stateFile)).toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        if (Files.exists(stateFile)) {
            Files.copy(stateFile, to.resolve(STATE_FILE));
        }
    }

    /** Copies a directory tree beside {@code to}, then puts it in {@code to}'s place whole. */
    static void copyWhole(Path from, Path to) throws IOException {
        Path copy = to.resolveSibling(to.getFileName() + ".tmp");
        copyDirectory(from, copy);
        replaceDirectory(copy, to);
    }

    /** Whether a resume point holds its whole weights: the config, the tensors and their digest. */
    static boolean holdsWeights(Path dir) {
        Path weights = dir.resolve("weights");
        return Files.isRegularFile(weights.resolve(CheckpointIo.CONFIG_FILE))
                && Files.isRegularFile(weights.resolve(CheckpointIo.WEIGHTS_FILE))
                && Files.isRegularFile(weights.resolve(CheckpointIo.DIGEST_FILE));
    }

    /** Deletes a directory tree; a resume point's {@code state.json} goes first, so half of one is never taken. */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.deleteIfExists(dir.resolve(STATE_FILE));
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
