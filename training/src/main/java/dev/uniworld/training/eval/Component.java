package dev.uniworld.training.eval;

import dev.uniworld.training.shapes.ShapeColour;

/**
 * A 4-connected region of one shape colour.
 *
 * @param id     label of its pixels in the component map
 * @param colour the colour of every pixel in it
 * @param area   pixel count
 * @param minX   bounding box, inclusive
 */
record Component(int id, ShapeColour colour, int area, int minX, int minY, int maxX, int maxY) {

    double centerX() {
        return (minX + maxX + 1) / 2.0;
    }

    double centerY() {
        return (minY + maxY + 1) / 2.0;
    }

    /** The larger side of the bounding box, in pixels. */
    int extent() {
        return Math.max(maxX - minX + 1, maxY - minY + 1);
    }
}
