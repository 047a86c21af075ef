package dev.uniworld.training.eval;

import dev.uniworld.training.shapes.ShapeColour;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Connected components of shape-coloured pixels (4-connectivity, so diagonal specks of noise do not join up). */
final class ComponentMap {

    static final int NONE = -1;

    private final int width;
    private final int[] ids;
    private final List<Component> components;

    private ComponentMap(int width, int[] ids, List<Component> components) {
        this.width = width;
        this.ids = ids;
        this.components = components;
    }

    static ComponentMap of(PixelClasses pixels) {
        int width = pixels.width();
        int height = pixels.height();
        int[] ids = new int[width * height];
        Arrays.fill(ids, NONE);
        List<Component> components = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < ids.length; start++) {
            int code = pixels.code(start % width, start / width);
            if (ids[start] != NONE || code < 0 || code >= ShapeColour.values().length) {
                continue;
            }
            int id = components.size();
            int area = 0;
            int minX = width;
            int minY = height;
            int maxX = -1;
            int maxY = -1;
            ids[start] = id;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                int x = p % width;
                int y = p / width;
                area++;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                visit(pixels, ids, queue, x - 1, y, code, id);
                visit(pixels, ids, queue, x + 1, y, code, id);
                visit(pixels, ids, queue, x, y - 1, code, id);
                visit(pixels, ids, queue, x, y + 1, code, id);
            }
            components.add(new Component(id, ShapeColour.values()[code], area, minX, minY, maxX, maxY));
        }
        return new ComponentMap(width, ids, List.copyOf(components));
    }

    private static void visit(PixelClasses pixels, int[] ids, ArrayDeque<Integer> queue, int x, int y, int code,
            int id) {
        if (x < 0 || y < 0 || x >= pixels.width() || y >= pixels.height()) {
            return;
        }
        int p = y * pixels.width() + x;
        if (ids[p] == NONE && pixels.code(x, y) == code) {
            ids[p] = id;
            queue.add(p);
        }
    }

    List<Component> components() {
        return components;
    }

    Component get(int id) {
        return components.get(id);
    }

    int idAt(int x, int y) {
        return ids[y * width + x];
    }
}
