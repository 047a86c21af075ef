package dev.uniworld.training.shapes;

/** The 3x3 grid of named positions; relations between shapes derive from their cells' rows and columns. */
public enum Cell {
    TOP_LEFT("top-left", 0, 0),
    TOP("top", 0, 1),
    TOP_RIGHT("top-right", 0, 2),
    LEFT("left", 1, 0),
    CENTER("center", 1, 1),
    RIGHT("right", 1, 2),
    BOTTOM_LEFT("bottom-left", 2, 0),
    BOTTOM("bottom", 2, 1),
    BOTTOM_RIGHT("bottom-right", 2, 2);

    /** Rows and columns of the grid. */
    public static final int GRID = 3;

    private final String word;
    private final int row;
    private final int column;

    Cell(String word, int row, int column) {
        this.word = word;
        this.row = row;
        this.column = column;
    }

    /** The position's name as one word, e.g. "top-left". */
    public String word() {
        return word;
    }

    public int row() {
        return row;
    }

    public int column() {
        return column;
    }

    public static Cell at(int row, int column) {
        return values()[row * GRID + column];
    }

    /** The cell whose area contains the point (x, y) of an image of the given resolution, clamped to the grid. */
    public static Cell containing(double x, double y, int resolution) {
        double cellSide = resolution / (double) GRID;
        int column = Math.max(0, Math.min(GRID - 1, (int) Math.floor(x / cellSide)));
        int row = Math.max(0, Math.min(GRID - 1, (int) Math.floor(y / cellSide)));
        return at(row, column);
    }

    /** X of the cell centre in pixels. */
    public double centerX(int resolution) {
        return (column + 0.5) * resolution / GRID;
    }

    /** Y of the cell centre in pixels. */
    public double centerY(int resolution) {
        return (row + 0.5) * resolution / GRID;
    }
}
