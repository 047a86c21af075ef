package dev.uniworld.training.eval;

import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.ShapeGeometry;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.shapes.ShapeSize;
import java.awt.Rectangle;
import java.awt.Shape;

/**
 * The pixels a shape of one kind and size would cover at one place: the pixel centres inside its outline, clipped to
 * the image.
 *
 * @param onGrid whether it is centred on its cell's centre (as ShapesWorld draws) rather than on a detected blob
 */
record Template(ShapeKind kind, ShapeSize size, Cell cell, boolean onGrid, double extent, Rectangle bounds,
        boolean[] mask) {

    /**
     * A component narrower than this fraction of a template may be a shape stacked in front of it: small/large is
     * 0.5, and anti-aliasing trims a pixel or two off every component, so 0.75 separates the two with room to spare.
     */
    private static final double FRONT_EXTENT_RATIO = 0.75;

    static Template at(ShapeKind kind, ShapeSize size, double cx, double cy, boolean onGrid, int resolution) {
        double extent = size.cellFraction() * resolution / Cell.GRID;
        Shape outline = ShapeGeometry.outline(kind, cx, cy, extent);
        Rectangle bounds = outline.getBounds().intersection(new Rectangle(0, 0, resolution, resolution));
        boolean[] mask = new boolean[Math.max(0, bounds.width * bounds.height)];
        for (int y = 0; y < bounds.height; y++) {
            for (int x = 0; x < bounds.width; x++) {
                mask[y * bounds.width + x] = outline.contains(bounds.x + x + 0.5, bounds.y + y + 0.5);
            }
        }
        return new Template(kind, size, Cell.containing(cx, cy, resolution), onGrid, extent, bounds, mask);
    }

    boolean overlaps(Component component) {
        return bounds.x <= component.maxX() && component.minX() < bounds.x + bounds.width
                && bounds.y <= component.maxY() && component.minY() < bounds.y + bounds.height;
    }

    /**
     * How well this template explains a component: an IoU in which template pixels lost to anti-aliased blends, or
     * covered by a clearly smaller component that may lie in front (a stacked shape is small, the one behind it
     * large), do not count against it, so occluded shapes still fit their full outline. Pixels of a component nearly
     * as large as the template do count, so a front shape cannot claim the shape around it.
     */
    Fit fit(Component component, ComponentMap components, PixelClasses pixels) {
        int explained = 0;
        int missing = 0;
        int ignored = 0;
        for (int y = 0; y < bounds.height; y++) {
            for (int x = 0; x < bounds.width; x++) {
                if (!mask[y * bounds.width + x]) {
                    continue;
                }
                int px = bounds.x + x;
                int py = bounds.y + y;
                int owner = components.idAt(px, py);
                if (owner == component.id()) {
                    explained++;
                } else if (pixels.isBackground(px, py)
                        || owner != ComponentMap.NONE
                                && components.get(owner).extent() >= FRONT_EXTENT_RATIO * extent) {
                    missing++;
                } else {
                    ignored++;
                }
            }
        }
        int outside = component.area() - explained;
        int union = explained + outside + missing;
        return new Fit(this, union == 0 ? 0 : explained / (double) union, ignored);
    }

    /**
     * The result of matching a template to a component.
     *
     * @param score   the occlusion-tolerant IoU
     * @param ignored template pixels that counted neither way (blends, possible occluders)
     */
    record Fit(Template template, double score, int ignored) {

        /** Near-equal scores go to the fit that leaves less unexplained: a shape alone beats one mostly hidden. */
        boolean betterThan(Fit other, double tolerance) {
            if (other == null || score > other.score + tolerance) {
                return true;
            }
            return score >= other.score - tolerance && ignored < other.ignored;
        }
    }
}
