package com.supercandles.score;

/**
 * Gradient-boosted trees of a binary logistic model (XGBoost's), walked in plain Java: a prediction
 * costs a few array reads per tree and allocates nothing, where XGBoost's own single-row prediction
 * through its native library costs some 60 us. The trainer scores with this same class, so the
 * job's score equals the offline one by construction; a test checks it against XGBoost's prediction.
 * Splits compare in float, as XGBoost does: {@code (float) x < threshold} goes left, a missing (NaN)
 * value follows the node's default direction.
 */
public final class TreeEnsemble implements Classifier {
    private static final long serialVersionUID = 1L;

    /** Per node of all trees, one after the other: children (-1 at a leaf, absolute indices), feature, threshold or leaf value. */
    private final int[] left;
    private final int[] right;
    private final int[] feature;
    private final float[] value;
    private final boolean[] defaultLeft;
    /** The root node of each tree. */
    private final int[] roots;
    /** The margin every prediction starts from: logit of the base score. */
    private final double baseMargin;

    public TreeEnsemble(int[] left, int[] right, int[] feature, float[] value, boolean[] defaultLeft, int[] roots,
                        double baseMargin) {
        int n = left.length;
        if (right.length != n || feature.length != n || value.length != n || defaultLeft.length != n) {
            throw new IllegalArgumentException("tree arrays of different lengths");
        }
        for (int i = 0; i < n; i++) {
            if ((left[i] < 0) != (right[i] < 0) || left[i] >= n || right[i] >= n) {
                throw new IllegalArgumentException("node " + i + " has a broken child");
            }
        }
        this.left = left;
        this.right = right;
        this.feature = feature;
        this.value = value;
        this.defaultLeft = defaultLeft;
        this.roots = roots;
        this.baseMargin = baseMargin;
    }

    public int trees() {
        return roots.length;
    }

    /** The highest feature index a split reads. */
    public int maxFeature() {
        int max = -1;
        for (int i = 0; i < left.length; i++) {
            if (left[i] >= 0) {
                max = Math.max(max, feature[i]);
            }
        }
        return max;
    }

    /** The sum of the trees' leaves plus the base margin (log-odds). */
    public double margin(double[] x) {
        double sum = 0;
        for (int root : roots) {
            int node = root;
            while (left[node] >= 0) {
                double v = x[feature[node]];
                node = Double.isNaN(v) ? (defaultLeft[node] ? left[node] : right[node])
                        : (float) v < value[node] ? left[node] : right[node];
            }
            sum += value[node];
        }
        return baseMargin + sum;
    }

    /** The margin after each tree in turn (the trainer picks the number of rounds with it). */
    public double[] marginsByTree(double[] x) {
        double[] out = new double[roots.length];
        double sum = 0;
        for (int t = 0; t < roots.length; t++) {
            int node = roots[t];
            while (left[node] >= 0) {
                double v = x[feature[node]];
                node = Double.isNaN(v) ? (defaultLeft[node] ? left[node] : right[node])
                        : (float) v < value[node] ? left[node] : right[node];
            }
            sum += value[node];
            out[t] = baseMargin + sum;
        }
        return out;
    }

    @Override
    public double probability(double[] features) {
        return 1 / (1 + Math.exp(-margin(features)));
    }
}
