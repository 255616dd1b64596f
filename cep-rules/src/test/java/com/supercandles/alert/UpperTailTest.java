package com.supercandles.alert;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The upper tail against a plain computation over every value kept in the horizon. */
class UpperTailTest {
    @Test
    void theRthLargestOfTheHorizonEqualsAPlainSortOfEveryValue() {
        Random random = new Random(7);
        int buckets = 13;
        double p = 99;
        int k = UpperTail.topFor(p, 2_000); // up to 2,000 values in a horizon here
        UpperTail tail = UpperTail.create(buckets, k);
        List<long[]> all = new ArrayList<>(); // bucket, value bits
        int checked = 0;
        for (long bucket = 0; bucket < 40; bucket++) {
            int n = 50 + random.nextInt(100);
            for (int i = 0; i < n; i++) {
                double x = random.nextDouble() < 0.01 ? 1e6 * random.nextDouble() : Math.exp(random.nextGaussian());
                tail.add(bucket, x);
                all.add(new long[] {bucket, Double.doubleToLongBits(x)});
                if (i % 7 == 0) {
                    List<Double> horizon = new ArrayList<>();
                    for (long[] v : all) {
                        if (v[0] > bucket - buckets && v[0] <= bucket) {
                            horizon.add(Double.longBitsToDouble(v[1]));
                        }
                    }
                    horizon.sort(null);
                    long r = (long) Math.ceil(horizon.size() / 100.0 - 1e-9); // 1 % of them, by hand
                    assertThat(tail.count(bucket)).isEqualTo(horizon.size());
                    assertThat(tail.percentile(p, bucket)).as("bucket " + bucket + " n " + horizon.size())
                            .isEqualTo(horizon.get(horizon.size() - (int) r));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(300);
        tail.add(5, 1e12); // older than the horizon: dropped
        assertThat(tail.percentile(100 - 100.0 / tail.count(39), 39)).isLessThan(1e12);
    }

    @Test
    void ranksAreExactForTheUsualPercentiles() {
        assertThat(UpperTail.rank(99.9, 1_000)).isEqualTo(1);
        assertThat(UpperTail.rank(99.9, 129_600)).isEqualTo(130);
        assertThat(UpperTail.topFor(99.9, 129_600)).isEqualTo(131);
        assertThat(UpperTail.rank(99, 150)).isEqualTo(2);
    }
}
