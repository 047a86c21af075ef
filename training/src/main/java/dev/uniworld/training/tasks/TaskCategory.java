package dev.uniworld.training.tasks;

import java.util.Locale;

/**
 * Every kind of task, grouped by family: question types for understanding, GenEval's categories for generation,
 * ImgEdit-style operations for editing, and the perception readings.
 */
public enum TaskCategory {
    COUNT(TaskFamily.UNDERSTANDING),
    COLOUR_OF(TaskFamily.UNDERSTANDING),
    SHAPE_OF(TaskFamily.UNDERSTANDING),
    POSITION_OF(TaskFamily.UNDERSTANDING),
    EXISTENCE(TaskFamily.UNDERSTANDING),
    RELATION(TaskFamily.UNDERSTANDING),

    SINGLE_OBJECT(TaskFamily.GENERATION),
    TWO_OBJECTS(TaskFamily.GENERATION),
    COUNTING(TaskFamily.GENERATION),
    COLOURS(TaskFamily.GENERATION),
    POSITION(TaskFamily.GENERATION),
    COLOUR_ATTRIBUTION(TaskFamily.GENERATION),

    ADD(TaskFamily.EDITING),
    REMOVE(TaskFamily.EDITING),
    REPLACE(TaskFamily.EDITING),
    ADJUST_COLOUR(TaskFamily.EDITING),
    ADJUST_SIZE(TaskFamily.EDITING),
    MOVE(TaskFamily.EDITING),
    EXTRACT(TaskFamily.EDITING),
    BACKGROUND(TaskFamily.EDITING),
    HYBRID(TaskFamily.EDITING),

    EDGES(TaskFamily.PERCEPTION),
    SEGMENTATION(TaskFamily.PERCEPTION),
    DEPTH(TaskFamily.PERCEPTION),
    RECONSTRUCTION(TaskFamily.PERCEPTION);

    private final TaskFamily family;

    TaskCategory(TaskFamily family) {
        this.family = family;
    }

    public TaskFamily family() {
        return family;
    }

    /** Lower-case name, as reports and JSON show it: "adjust_colour". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
