package dev.uniworld.training.eval;

import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.shapes.ShapeSize;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses any image back into a {@link Scene} with no model involved.
 *
 * <p>Step 1: every pixel goes to its nearest palette colour, or to none when no colour is close (blends, noise).
 * Step 2: same-coloured pixels form 4-connected components; specks are dropped. Step 3: each component is matched
 * against the outline of every shape kind and size, centred on the grid cells and on the component itself; pixels
 * hidden by other shapes do not count against an outline, which is how shapes partly covered by a stacked shape are
 * still recognised. The best outline above a minimum fit becomes a shape.
 *
 * <p>Not thread-safe: templates are built lazily per image resolution.
 */
public final class SceneDetector {

    /** How much better an off-grid outline must fit than the best on-grid one to win: ShapesWorld draws on the grid. */
    private static final double OFF_GRID_MARGIN = 0.05;
    /** Fits this close count as a tie, broken in favour of the outline that needs fewer hidden pixels. */
    private static final double TIE_TOLERANCE = 0.02;

    private final DetectorConfig config;
    private final Map<Integer, List<Template>> gridTemplatesByResolution = new HashMap<>();

    public SceneDetector(DetectorConfig config) {
        this.config = config;
    }

    public SceneDetector() {
        this(DetectorConfig.DEFAULT);
    }

    public Scene detect(BufferedImage image) {
        if (image.getWidth() != image.getHeight()) {
            throw new IllegalArgumentException("ShapesWorld images are square, got "
                    + image.getWidth() + "x" + image.getHeight());
        }
        int resolution = image.getWidth();
        // Step 1: palette colours
        PixelClasses pixels = PixelClasses.of(image, config.colourTolerance());
        // Step 2: components
        ComponentMap components = ComponentMap.of(pixels);
        double cellArea = Math.pow(resolution / (double) Cell.GRID, 2);
        int minArea = (int) Math.ceil(config.minAreaCellFraction() * cellArea);
        // Step 3: outlines
        List<SceneObject> objects = new ArrayList<>();
        for (Component component : components.components()) {
            if (component.area() < minArea) {
                continue;
            }
            Template best = bestTemplate(component, components, pixels, resolution);
            // a back shape split in two by the shape in front of it fits the same outline twice: count it once
            if (best != null && !objects.contains(new SceneObject(best.kind(), component.colour(), best.size(),
                    best.cell()))) {
                objects.add(new SceneObject(best.kind(), component.colour(), best.size(), best.cell()));
            }
        }
        return new Scene(pixels.background(), objects);
    }

    private Template bestTemplate(Component component, ComponentMap components, PixelClasses pixels,
            int resolution) {
        Template.Fit onGrid = null;
        for (Template template : gridTemplates(resolution)) {
            if (template.overlaps(component)) {
                onGrid = better(template.fit(component, components, pixels), onGrid);
            }
        }
        Template.Fit offGrid = null;
        for (ShapeKind kind : ShapeKind.values()) {
            for (ShapeSize size : ShapeSize.values()) {
                Template template = Template.at(kind, size, component.centerX(), component.centerY(), false,
                        resolution);
                offGrid = better(template.fit(component, components, pixels), offGrid);
            }
        }
        double onGridScore = onGrid == null ? 0 : onGrid.score();
        Template.Fit best = offGrid.score() > onGridScore + OFF_GRID_MARGIN ? offGrid : onGrid;
        return best != null && best.score() >= config.minFit() ? best.template() : null;
    }

    private static Template.Fit better(Template.Fit candidate, Template.Fit best) {
        return candidate.betterThan(best, TIE_TOLERANCE) ? candidate : best;
    }

    private List<Template> gridTemplates(int resolution) {
        return gridTemplatesByResolution.computeIfAbsent(resolution, r -> {
            List<Template> templates = new ArrayList<>();
            for (Cell cell : Cell.values()) {
                for (ShapeKind kind : ShapeKind.values()) {
                    for (ShapeSize size : ShapeSize.values()) {
                        templates.add(Template.at(kind, size, cell.centerX(r), cell.centerY(r), true, r));
                    }
                }
            }
            return List.copyOf(templates);
        });
    }
}
