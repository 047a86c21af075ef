package dev.uniworld.training.shapes;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** The outline of a shape in pixel coordinates; shared by the renderer, the label maps and the detector's templates. */
public final class ShapeGeometry {

    private ShapeGeometry() {
    }

    /** The outline of {@code object} centred in its cell of an image {@code resolution} pixels wide. */
    public static Shape outline(SceneObject object, int resolution) {
        double extent = object.size().cellFraction() * resolution / Cell.GRID;
        return outline(object.kind(), object.cell().centerX(resolution), object.cell().centerY(resolution), extent);
    }

    /** The outline of a shape whose bounding box is {@code extent} wide and centred at (cx, cy). */
    public static Shape outline(ShapeKind kind, double cx, double cy, double extent) {
        double half = extent / 2;
        return switch (kind) {
            case CIRCLE -> new Ellipse2D.Double(cx - half, cy - half, extent, extent);
            case SQUARE -> new Rectangle2D.Double(cx - half, cy - half, extent, extent);
            case TRIANGLE -> polygon(cx, cy - half, cx + half, cy + half, cx - half, cy + half);
            case DIAMOND -> polygon(cx, cy - half, cx + half, cy, cx, cy + half, cx - half, cy);
        };
    }

    private static Shape polygon(double... xy) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
        path.closePath();
        return path;
    }
}
