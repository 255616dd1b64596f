package com.supercandles.candle;

import com.supercandles.event.MarketEvent;
import com.supercandles.instrument.InstrumentSpec;
import org.junit.jupiter.api.Test;

import static com.supercandles.candle.BookMetric.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every expected value below was worked out by hand from the spec's definitions. */
class BookSnapshotMetricsTest {
    private static final double EPS = 1e-12;

    private static double[] metrics(MarketEvent book, InstrumentSpec spec) {
        double[] out = new double[BookMetric.COUNT];
        BookSnapshotMetrics.compute(book, spec, out);
        return out;
    }

    /** bids 100 x 2, 99 x 3; asks 101 x 1, 102 x 4. */
    private static MarketEvent twoByTwo() {
        return MarketEvent.book("X", 0, new double[] {100, 99}, new double[] {2, 3},
                new double[] {101, 102}, new double[] {1, 4});
    }

    @Test
    void twoLevelsASide() {
        double[] m = metrics(twoByTwo(), new InstrumentSpec(1, 0.01, 300));
        assertThat(m[LEVELS_B.ordinal()]).isEqualTo(2);
        assertThat(m[LEVELS_S.ordinal()]).isEqualTo(2);
        assertThat(m[OB_VOL_B.ordinal()]).isEqualTo(5);
        assertThat(m[OB_VOL_S.ordinal()]).isEqualTo(5);
        assertThat(m[OB_VAL_B.ordinal()]).isCloseTo(497, within(EPS));
        assertThat(m[OB_VAL_S.ordinal()]).isCloseTo(509, within(EPS));
        assertThat(m[SPREAD_BBO.ordinal()]).isCloseTo(1 / 100.5 * 1e4, within(1e-9));
        assertThat(m[SPREAD_LV10.ordinal()]).isNaN();
        assertThat(m[VWAP_B.ordinal()]).isCloseTo(99.4, within(EPS));
        assertThat(m[VWAP_S.ordinal()]).isCloseTo(101.8, within(EPS));
        // 300 of value: all of 100 x 2 (200), then 100/99 of the 99 level.
        assertThat(m[VWAP_B_1MIO.ordinal()]).isCloseTo(29700.0 / 298, within(1e-10));
        // 101 of value at 101, then 199/102 of the 102 level.
        assertThat(m[VWAP_S_1MIO.ordinal()]).isCloseTo(30600.0 / 301, within(1e-10));
        assertThat(m[SPREAD_1MIO.ordinal()]).isCloseTo((30600.0 / 301 - 29700.0 / 298) / 100.5 * 1e4, within(1e-8));
        assertThat(m[IMBALANCE_VOL.ordinal()]).isCloseTo(0, within(EPS));
        assertThat(m[IMBALANCE_VAL.ordinal()]).isCloseTo(-12.0 / 1006, within(EPS));
        assertThat(m[IMBALANCE_VOL_BBO.ordinal()]).isCloseTo(1.0 / 3, within(EPS));
        assertThat(m[IMBALANCE_VAL_BBO.ordinal()]).isCloseTo(99.0 / 301, within(EPS));
    }

    @Test
    void lotScalesValuesButNotPrices() {
        double[] m = metrics(twoByTwo(), new InstrumentSpec(10, 0.01, 3000));
        assertThat(m[OB_VAL_B.ordinal()]).isCloseTo(4970, within(1e-9));
        assertThat(m[VWAP_B.ordinal()]).isCloseTo(99.4, within(EPS));
        assertThat(m[VWAP_B_1MIO.ordinal()]).isCloseTo(29700.0 / 298, within(1e-10));
        assertThat(m[IMBALANCE_VAL.ordinal()]).isCloseTo(-12.0 / 1006, within(EPS));
    }

    @Test
    void depthNotionalBeyondTheSideIsUndefined() {
        double[] m = metrics(twoByTwo(), new InstrumentSpec(1, 0.01, 1000));
        assertThat(m[VWAP_B_1MIO.ordinal()]).isNaN();
        assertThat(m[VWAP_S_1MIO.ordinal()]).isNaN();
        assertThat(m[SPREAD_1MIO.ordinal()]).isNaN();
        assertThat(m[SPREAD_BBO.ordinal()]).isNotNaN();
    }

    @Test
    void depthNotionalEqualToTheWholeSideIsDefined() {
        double[] m = metrics(twoByTwo(), new InstrumentSpec(1, 0.01, 497));
        assertThat(m[VWAP_B_1MIO.ordinal()]).isCloseTo(99.4, within(EPS));
        assertThat(m[VWAP_S_1MIO.ordinal()]).isNotNaN(); // 497 < 509
    }

    @Test
    void tenthLevelSpread() {
        double[] bids = new double[10];
        double[] asks = new double[10];
        double[] qtys = new double[10];
        for (int i = 0; i < 10; i++) {
            bids[i] = 100 - i;
            asks[i] = 101 + i;
            qtys[i] = 1;
        }
        double[] m = metrics(MarketEvent.book("X", 0, bids, qtys, asks, qtys), InstrumentSpec.DEFAULT);
        assertThat(m[SPREAD_LV10.ordinal()]).isCloseTo((110 - 91) / 100.5 * 1e4, within(1e-9));

        double[] nineAsks = java.util.Arrays.copyOf(asks, 9);
        double[] m9 = metrics(MarketEvent.book("X", 0, bids, qtys, nineAsks, java.util.Arrays.copyOf(qtys, 9)),
                InstrumentSpec.DEFAULT);
        assertThat(m9[SPREAD_LV10.ordinal()]).isNaN();
        assertThat(m9[SPREAD_BBO.ordinal()]).isNotNaN();
    }

    @Test
    void emptySideLeavesOnlyOneSidedMetrics() {
        MarketEvent askOnly = MarketEvent.book("X", 0, new double[0], new double[0],
                new double[] {101, 102}, new double[] {1, 4});
        double[] m = metrics(askOnly, new InstrumentSpec(1, 0.01, 300));
        assertThat(m[LEVELS_B.ordinal()]).isZero();
        assertThat(m[OB_VOL_B.ordinal()]).isZero();
        assertThat(m[OB_VAL_B.ordinal()]).isZero();
        assertThat(m[VWAP_B.ordinal()]).isNaN();
        assertThat(m[VWAP_B_1MIO.ordinal()]).isNaN();
        assertThat(m[VWAP_S.ordinal()]).isCloseTo(101.8, within(EPS));
        assertThat(m[VWAP_S_1MIO.ordinal()]).isCloseTo(30600.0 / 301, within(1e-10));
        for (BookMetric twoSided : new BookMetric[] {SPREAD_BBO, SPREAD_LV10, SPREAD_1MIO, IMBALANCE_VOL,
                IMBALANCE_VAL, IMBALANCE_VOL_BBO, IMBALANCE_VAL_BBO}) {
            assertThat(m[twoSided.ordinal()]).as(twoSided.fieldName()).isNaN();
        }
    }
}
