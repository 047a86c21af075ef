package dev.uniworld.training.models;

/** Dense linear systems small enough for plain loops (a read-out's normal equations). */
final class LinearSolve {

    private LinearSolve() {
    }

    /**
     * Solves A X = B by Gauss-Jordan elimination with partial pivoting; neither argument is changed.
     *
     * @param a [n, n], not singular
     * @param b [n, m]
     * @return X [n, m]
     * @throws IllegalArgumentException when A is singular to working precision
     */
    static double[][] solve(double[][] a, double[][] b) {
        int n = a.length;
        double[][] left = new double[n][];
        double[][] right = new double[n][];
        for (int i = 0; i < n; i++) {
            left[i] = a[i].clone();
            right[i] = b[i].clone();
        }
        for (int column = 0; column < n; column++) {
            int pivot = column;
            for (int row = column + 1; row < n; row++) {
                if (Math.abs(left[row][column]) > Math.abs(left[pivot][column])) {
                    pivot = row;
                }
            }
            if (Math.abs(left[pivot][column]) < 1e-12) {
                throw new IllegalArgumentException("singular system: no pivot in column " + column);
            }
            swap(left, column, pivot);
            swap(right, column, pivot);
            for (int row = 0; row < n; row++) {
                double factor = row == column ? 0 : left[row][column] / left[column][column];
                if (factor != 0) {
                    subtract(left[row], left[column], factor);
                    subtract(right[row], right[column], factor);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double diagonal = left[i][i];
            for (int k = 0; k < right[i].length; k++) {
                right[i][k] /= diagonal;
            }
        }
        return right;
    }

    private static void swap(double[][] rows, int i, int j) {
        double[] kept = rows[i];
        rows[i] = rows[j];
        rows[j] = kept;
    }

    private static void subtract(double[] row, double[] pivotRow, double factor) {
        for (int k = 0; k < row.length; k++) {
            row[k] -= factor * pivotRow[k];
        }
    }
}
