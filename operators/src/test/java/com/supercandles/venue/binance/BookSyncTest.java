package com.supercandles.venue.binance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The venue's synchronisation rules on a small market whose true book is kept beside by hand: a map
 * per side updated from the same increments, compared level by level.
 */
class BookSyncTest {
    private final List<String> changes = new ArrayList<>();
    private final BookSync.Changes record = (bid, price, before, after, u) ->
            changes.add((bid ? "B " : "S ") + price + " " + before + "->" + after);

    private static DepthUpdate spot(long first, long last, double[][] bids, double[][] asks) {
        return new DepthUpdate("X", 1000 + last, first, last, DepthUpdate.NO_PREVIOUS, bids, asks);
    }

    private static double[][] lv(double... priceQty) {
        double[][] out = new double[priceQty.length / 2][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {priceQty[2 * i], priceQty[2 * i + 1]};
        }
        return out;
    }

    private static List<String> side(Map<Double, Double> levels) {
        List<String> out = new ArrayList<>();
        levels.forEach((p, q) -> out.add(p + " " + q));
        return out;
    }

    @Test
    void joinsTheFirstIncrementThatStraddlesTheSnapshotAndDropsOlderOnes() {
        BookSync sync = new BookSync(SyncRule.SPOT, 100);
        assertThat(sync.onUpdate(spot(95, 99, lv(10, 1), lv()), record)).isEqualTo(BookSync.Step.BUFFERED);
        assertThat(sync.onUpdate(spot(100, 102, lv(10, 2), lv(11, 5)), record)).isEqualTo(BookSync.Step.BUFFERED);
        assertThat(sync.onUpdate(spot(103, 103, lv(9, 4), lv(11, 0)), record)).isEqualTo(BookSync.Step.BUFFERED);
        // the snapshot is the book as of id 100: the first increment (95..99) is in it, the second straddles 101
        DepthSnapshot snap = new DepthSnapshot("X", 100, lv(10, 1.5, 8, 3), lv(11, 4, 12, 1));
        assertThat(sync.onSnapshot(snap, record)).isEqualTo(BookSync.Step.APPLIED);
        assertThat(sync.live()).isTrue();
        assertThat(sync.lastUpdateId()).isEqualTo(103);
        // by hand: bids 10:1.5 -> 2 -> 2, 9:4, 8:3; asks 11:4 -> 5 -> removed, 12:1
        TreeMap<Double, Double> bids = new TreeMap<>(java.util.Collections.reverseOrder());
        bids.put(10.0, 2.0);
        bids.put(9.0, 4.0);
        bids.put(8.0, 3.0);
        assertThat(sync.book().levels(true)).containsExactlyElementsOf(side(bids));
        assertThat(sync.book().levels(false)).containsExactly("12.0 1.0");
        assertThat(changes).containsExactly("B 10.0 1.5->2.0", "S 11.0 4.0->5.0", "B 9.0 0.0->4.0", "S 11.0 5.0->0.0");
        assertThat(sync.onUpdate(spot(101, 103, lv(10, 7), lv()), record)).isEqualTo(BookSync.Step.STALE);
        assertThat(sync.book().levels(true).get(0)).isEqualTo("10.0 2.0");
    }

    @Test
    void aMissingIncrementDropsTheBookUntilAFreshSnapshot() {
        BookSync sync = new BookSync(SyncRule.SPOT, 100);
        sync.onUpdate(spot(11, 12, lv(10, 1), lv()), record);
        sync.onSnapshot(new DepthSnapshot("X", 10, lv(10, 3), lv(11, 1)), record);
        assertThat(sync.live()).isTrue();
        // 13..14 lost: 15 does not follow 12
        assertThat(sync.onUpdate(spot(15, 15, lv(9, 1), lv()), record)).isEqualTo(BookSync.Step.BROKEN);
        assertThat(sync.live()).isFalse();
        assertThat(sync.book().isEmpty()).isTrue();
        assertThat(sync.needsSnapshot()).isTrue();
        assertThat(sync.onUpdate(spot(16, 16, lv(8, 1), lv()), record)).isEqualTo(BookSync.Step.BUFFERED);
        // a fresh snapshot at 15 (the true book then: bids 10:1, 9:1; asks 11:1): 15 is stale, 16 joins
        assertThat(sync.onSnapshot(new DepthSnapshot("X", 15, lv(10, 1, 9, 1), lv(11, 1)), record))
                .isEqualTo(BookSync.Step.APPLIED);
        assertThat(sync.book().levels(true)).containsExactly("10.0 1.0", "9.0 1.0", "8.0 1.0");
        assertThat(sync.book().levels(false)).containsExactly("11.0 1.0");
    }

    @Test
    void aSnapshotOlderThanTheBufferedIncrementsIsRefusedAndTheBufferKeptForTheNext() {
        BookSync sync = new BookSync(SyncRule.SPOT, 100);
        sync.onUpdate(spot(21, 22, lv(10, 2), lv()), record);
        sync.onUpdate(spot(23, 23, lv(10, 3), lv()), record);
        // a snapshot at 18: 19..20 are in no increment the feed holds
        assertThat(sync.onSnapshot(new DepthSnapshot("X", 18, lv(10, 1), lv(11, 1)), record))
                .isEqualTo(BookSync.Step.SNAPSHOT_TOO_OLD);
        assertThat(sync.live()).isFalse();
        assertThat(sync.book().isEmpty()).isTrue();
        assertThat(sync.buffered()).isEqualTo(2);
        assertThat(sync.onSnapshot(new DepthSnapshot("X", 21, lv(10, 1.5), lv(11, 1)), record))
                .isEqualTo(BookSync.Step.APPLIED);
        assertThat(sync.book().levels(true)).containsExactly("10.0 3.0");
        assertThat(changes).containsExactly("B 10.0 1.5->2.0", "B 10.0 2.0->3.0"); // 21..22 straddles 22
    }

    @Test
    void aSnapshotNewerThanEveryBufferedIncrementWaitsForTheOneThatJoinsIt() {
        BookSync sync = new BookSync(SyncRule.SPOT, 100);
        sync.onUpdate(spot(1, 5, lv(10, 2), lv()), record);
        assertThat(sync.onSnapshot(new DepthSnapshot("X", 7, lv(10, 1), lv(11, 1)), record)).isEqualTo(BookSync.Step.WAITING);
        assertThat(sync.live()).isFalse();
        assertThat(sync.onUpdate(spot(6, 7, lv(10, 9), lv()), record)).isEqualTo(BookSync.Step.STALE);
        assertThat(sync.onUpdate(spot(8, 8, lv(10, 4), lv()), record)).isEqualTo(BookSync.Step.APPLIED);
        assertThat(sync.book().levels(true)).containsExactly("10.0 4.0");
    }

    @Test
    void futuresRequirePreviousFinalIdAndJoinOnTheSnapshotIdItself() {
        BookSync sync = new BookSync(SyncRule.FUTURES, 100);
        // futures ids are not contiguous: continuity is pu == previous u
        sync.onUpdate(new DepthUpdate("X", 1, 90, 95, 80, lv(10, 1), lv()), record);
        sync.onUpdate(new DepthUpdate("X", 2, 96, 120, 95, lv(10, 2), lv()), record);
        sync.onUpdate(new DepthUpdate("X", 3, 130, 140, 120, lv(10, 3), lv()), record);
        // u < lastUpdateId is dropped, U <= lastUpdateId <= u joins (here 96..120 on 100)
        assertThat(sync.onSnapshot(new DepthSnapshot("X", 100, lv(10, 7), lv(11, 1)), record)).isEqualTo(BookSync.Step.APPLIED);
        assertThat(sync.book().levels(true)).containsExactly("10.0 3.0");
        assertThat(sync.onUpdate(new DepthUpdate("X", 4, 150, 151, 141, lv(10, 4), lv()), record))
                .isEqualTo(BookSync.Step.BROKEN);
        assertThat(sync.book().isEmpty()).isTrue();
    }

    @Test
    void aResetForgetsTheBufferToo() {
        BookSync sync = new BookSync(SyncRule.SPOT, 2);
        sync.onUpdate(spot(1, 1, lv(10, 1), lv()), record);
        sync.onUpdate(spot(2, 2, lv(10, 1), lv()), record);
        sync.onUpdate(spot(3, 3, lv(10, 1), lv()), record);
        assertThat(sync.buffered()).isEqualTo(2); // bounded: the oldest went
        sync.reset();
        assertThat(sync.buffered()).isZero();
        assertThat(sync.needsSnapshot()).isTrue();
    }
}
