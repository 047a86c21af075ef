package dev.uniworld.training.tasks;

import java.util.Arrays;
import java.util.List;

/** The four things a unified visual model is asked to do. */
public enum TaskFamily {
    /** Questions about an image, answered in text. */
    UNDERSTANDING,
    /** Text to image. */
    GENERATION,
    /** Instruction plus image to edited image. */
    EDITING,
    /** Image to an image-shaped reading of it (edges, masks, depth, the image itself). */
    PERCEPTION;

    /** This family's categories, in declaration order. */
    public List<TaskCategory> categories() {
        return Arrays.stream(TaskCategory.values()).filter(c -> c.family() == this).toList();
    }

    /** Lower-case name, as reports and JSON show it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
