package dev.uniworld.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The (image, instruction) pairs of a batch: one instruction for every image of a folder, or a CSV/JSONL list. */
final class BatchInputs {

    /** One input image and what to do with it. */
    record Item(Path image, String prompt) {
    }

    private BatchInputs() {
    }

    static List<Item> fromFolder(Path folder, String prompt) {
        requireFolder(folder);
        try (Stream<Path> files = Files.list(folder)) {
            List<Item> items = files.filter(Files::isRegularFile).filter(BatchInputs::isImageName).sorted()
                    .map(file -> new Item(file, prompt)).toList();
            if (items.isEmpty()) {
                throw new CliException(ExitCodes.FILE_NOT_FOUND, "no .png, .jpg or .jpeg images in " + folder);
            }
            return items;
        } catch (IOException e) {
            throw new CliException(ExitCodes.FILE_NOT_FOUND, "cannot list " + folder + ": " + e.getMessage());
        }
    }

    /**
     * Reads {@code file,instruction} lines (CSV, a header line {@code file,prompt} is skipped) or JSON lines
     * ({@code {"file": "a.png", "prompt": "..."}}); image paths are relative to {@code folder}.
     */
    static List<Item> fromList(Path folder, Path list) {
        requireFolder(folder);
        if (!Files.isReadable(list)) {
            throw new CliException(ExitCodes.FILE_NOT_FOUND, "instruction file " + list + " does not exist");
        }
        boolean json = list.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        List<Item> items = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(list);
            ObjectMapper mapper = new ObjectMapper();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#") || (!json && i == 0 && line.startsWith("file,"))) {
                    continue;
                }
                items.add(json ? jsonItem(folder, parse(mapper, line, list, i + 1), list, i + 1)
                        : csvItem(folder, line, list, i + 1));
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FILE_NOT_FOUND, "cannot read " + list + ": " + e.getMessage());
        }
        if (items.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, list + " lists no images");
        }
        return items;
    }

    private static Item csvItem(Path folder, String line, Path list, int number) {
        int comma = line.indexOf(',');
        if (comma <= 0) {
            throw new CliException(ExitCodes.USAGE, list + " line " + number + ": expected file,instruction");
        }
        String prompt = line.substring(comma + 1).strip();
        if (prompt.length() >= 2 && prompt.startsWith("\"") && prompt.endsWith("\"")) {
            prompt = prompt.substring(1, prompt.length() - 1).replace("\"\"", "\"");
        }
        return new Item(folder.resolve(line.substring(0, comma).strip()), prompt);
    }

    /** One line of a JSONL file; a malformed one is named by its line in the file, not Jackson's "line 1". */
    private static JsonNode parse(ObjectMapper mapper, String line, Path list, int number) {
        try {
            return mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.USAGE, list + " line " + number + ": not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
    }

    private static Item jsonItem(Path folder, JsonNode node, Path list, int number) {
        if (!node.hasNonNull("file") || !node.hasNonNull("prompt")) {
            throw new CliException(ExitCodes.USAGE, list + " line " + number + ": needs \"file\" and \"prompt\"");
        }
        return new Item(folder.resolve(node.get("file").asText()), node.get("prompt").asText());
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private static void requireFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new CliException(ExitCodes.FILE_NOT_FOUND, "folder " + folder + " does not exist");
        }
    }
}
