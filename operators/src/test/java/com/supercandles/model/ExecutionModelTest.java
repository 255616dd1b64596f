package com.supercandles.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExecutionModelTest {
    private static final double[] DEPTHS = {0, 0.5, 1, 2};

    /** A bucket with the given volume whose price moved by dp (from 100 to 100 + dp). */
    private static SideFlow bucket(double vol, double dp) {
        SideFlow f = new SideFlow();
        f.addTrade(100, vol / 2);
        f.addTrade(100 + dp, vol / 2);
        return f;
    }

    private static ExecutionModelRecord model(List<SideFlow> buckets) {
        ExecutionModelRecord r = new ExecutionModelRecord();
        ExecutionModel.fill(r, buckets, DEPTHS);
        return r;
    }

    @Test
    void probabilityIsOneAtZeroDepthAndPmAtTheMeanVolume() {
        // Volumes 1..12: m = 6.5, six of twelve above it: p_m = 0.5.
        List<SideFlow> buckets = new ArrayList<>();
        for (int v = 1; v <= 12; v++) {
            buckets.add(bucket(v, 0));
        }
        ExecutionModelRecord r = model(buckets);
        assertThat(r.n).isEqualTo(12);
        assertThat(r.m).isEqualTo(6.5);
        assertThat(r.pM).isEqualTo(0.5);
        assertThat(r.alpha).isCloseTo(Math.log(0.5) / Math.log(2.05), within(1e-15));
        assertThat(r.fillProbability[0]).isEqualTo(1.0);
        assertThat(r.fillProbability[2]).isCloseTo(0.5, within(1e-12));
        // By hand at Q = 2m: ((1 + 20^-2) * 2 + 1)^alpha = 3.005^alpha.
        assertThat(r.fillProbability[3]).isCloseTo(Math.pow(3.005, r.alpha), within(1e-12));
        assertThat(r.fillProbability[1]).isLessThan(1).isGreaterThan(0.5);
        // No price moved: no impact fit.
        assertThat(r.impactBuckets).isZero();
        assertThat(r.impactA).isNaN();
        assertThat(r.qStar).isNaN();
    }

    @Test
    void fitErrorIsTheLargestGapToTheEmpiricalTail() {
        List<SideFlow> buckets = new ArrayList<>();
        for (int v = 1; v <= 12; v++) {
            buckets.add(bucket(v, 0));
        }
        ExecutionModelRecord r = model(buckets);
        double worst = 0;
        for (int k = 0; k <= 50; k++) {
            double q = k * 6.5 / 10;
            int above = 0;
            for (int v = 1; v <= 12; v++) {
                above += v > q ? 1 : 0;
            }
            double p = Math.pow((1 + Math.pow(20, -k / 10.0)) * (k / 10.0) + 1, r.alpha);
            worst = Math.max(worst, Math.abs(p - above / 12.0));
        }
        assertThat(r.fitError).isCloseTo(worst, within(1e-15));
        assertThat(r.fitError).isGreaterThan(0);
    }

    @Test
    void aKnownLinearImpactIsRecoveredExactly() {
        // dp = 0.25 + 0.5 V on the moving buckets (powers of two keep the arithmetic exact).
        List<SideFlow> buckets = new ArrayList<>();
        double[] volumes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        for (double v : volumes) {
            buckets.add(bucket(v, 0.25 + 0.5 * v));
        }
        ExecutionModelRecord r = model(buckets);
        assertThat(r.impactBuckets).isEqualTo(12);
        assertThat(r.impactA).isCloseTo(0.25, within(1e-12));
        assertThat(r.impactB).isCloseTo(0.5, within(1e-12));
        // G(Q) = P(Q) (a + b Q), maximised on the grid Q = k m / 10: check against a direct scan.
        double best = Double.NEGATIVE_INFINITY;
        double bestQ = Double.NaN;
        for (int k = 0; k <= 50; k++) {
            double q = k * r.m / 10;
            double g = ExecutionModel.fillProbability(r.alpha, k / 10.0) * (0.25 + 0.5 * q);
            if (g > best) {
                best = g;
                bestQ = q;
            }
        }
        assertThat(r.qStar).isCloseTo(bestQ, within(1e-12));
        assertThat(r.gStar).isCloseTo(best, within(1e-12));
    }

    @Test
    void nullRules() {
        List<SideFlow> nine = new ArrayList<>();
        for (int v = 1; v <= 9; v++) {
            nine.add(bucket(v, 0.1 * v));
        }
        ExecutionModelRecord few = model(nine);
        assertThat(few.n).isEqualTo(9);
        assertThat(few.m).isNaN();
        assertThat(few.alpha).isNaN();
        assertThat(few.fillProbability).containsOnly(Double.NaN);
        assertThat(few.impactA).isNaN();
        assertThat(few.tickFractions).containsOnly(Double.NaN);

        List<SideFlow> equal = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            equal.add(bucket(3, i < 5 ? 0.01 : 0));
        }
        ExecutionModelRecord flat = model(equal);
        assertThat(flat.m).isEqualTo(3);
        assertThat(flat.pM).isZero();
        assertThat(flat.alpha).isNaN();
        assertThat(flat.fitError).isNaN();
        assertThat(flat.gStar).isNaN();

        List<SideFlow> twoMoves = new ArrayList<>();
        for (int v = 1; v <= 10; v++) {
            twoMoves.add(bucket(v, v <= 2 ? 0.01 : 0));
        }
        ExecutionModelRecord noFit = model(twoMoves);
        assertThat(noFit.alpha).isNotNaN();
        assertThat(noFit.impactBuckets).isEqualTo(2);
        assertThat(noFit.impactA).isNaN();
        assertThat(noFit.qStar).isNaN();
    }

    @Test
    void tickMovesAreCountedPerSameTsGroup() {
        double tick = 0.01;
        SideFlow bucket = new SideFlow();
        SideFlow[] groups = new SideFlow[] {new SideFlow(), new SideFlow(), new SideFlow(), new SideFlow()};
        groups[0].addTrade(10.00, 1);                              // one trade: 0 ticks
        groups[1].addTrade(10.00, 1);
        groups[1].addTrade(10.02, 1);                              // 2 ticks
        groups[2].addTrade(10.05, 1);
        groups[2].addTrade(10.00, 1);                              // 5 ticks: 4+
        groups[3].addTrade(10.01, 1);
        groups[3].addTrade(10.02, 1);
        groups[3].addTrade(10.00, 1);                              // first 10.01, last 10.00: 1 tick
        for (SideFlow g : groups) {
            bucket.append(g, tick);
        }
        assertThat(bucket.tickMoves).containsExactly(1, 1, 1, 0, 1);
        assertThat(bucket.first).isEqualTo(10.00);
        assertThat(bucket.last).isEqualTo(10.00);
        assertThat(bucket.vol).isEqualTo(8);

        List<SideFlow> buckets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            buckets.add(bucket);
        }
        ExecutionModelRecord r = model(buckets);
        assertThat(r.tickGroups).isEqualTo(40);
        assertThat(r.tickFractions).containsExactly(0.25, 0.25, 0.25, 0.0, 0.25);
    }
}
