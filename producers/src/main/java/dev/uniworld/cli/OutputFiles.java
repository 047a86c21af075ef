package dev.uniworld.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.uniworld.client.Outcome;

/** Writes a successful outcome to disk: the image as PNG/JPEG bytes, or the answer as a text file. */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * @param base the output path without extension; {@code .png}/{@code .jpg} or {@code .txt} is added
     * @return the file written
     */
    static Path write(Outcome outcome, Path base) {
        try {
            Files.createDirectories(base.toAbsolutePath().getParent());
            if (outcome.result().getAnswer() != null) {
                Path file = Path.of(base + ".txt");
                Files.writeString(file, outcome.result().getAnswer() + System.lineSeparator(), StandardCharsets.UTF_8);
                return file;
            }
            ByteBuffer inline = outcome.result().getImage().getInline();
            if (inline == null) {
                Path file = Path.of(base + ".uri.txt");
                Files.writeString(file, outcome.result().getImage().getUri() + System.lineSeparator());
                return file;
            }
            byte[] bytes = new byte[inline.remaining()];
            inline.duplicate().get(bytes);
            String ext = "image/jpeg".equals(outcome.result().getImage().getMediaType()) ? ".jpg" : ".png";
            Path file = Path.of(base + ext);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new CliException(ExitCodes.FILE_NOT_FOUND, "cannot write output " + base + ": " + e.getMessage(), e);
        }
    }

    /** {@code name.png} -> {@code name}: outputs keep their input's name. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
