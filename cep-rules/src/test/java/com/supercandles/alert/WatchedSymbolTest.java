package com.supercandles.alert;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-second order counts of a symbol against a plain list of the orders counted. */
class WatchedSymbolTest {
    @Test
    void rateWindowsEqualCountingTheOrdersOfTheirSeconds() {
        Random random = new Random(11);
        for (int market = 0; market < 40; market++) {
            SymbolWatches table = SymbolWatches.perStream(new WatchdogSettings());
            table.restore("X", SymbolWatch.create(SymbolWatches.STREAMS, StreamWatchdog.SLOTS)); // id 0
            WatchedSymbol w = table.view(0);
            List<long[]> counted = new ArrayList<>(); // {second, 1 put / 0 cancel}
            long newest = Long.MIN_VALUE;
            long s = 1_700_000_000L + random.nextInt(60);
            for (int n = 0; n < 3_000; n++) {
                int step = random.nextInt(20);
                // mostly the same second or the next; now and then a gap, or an order late by up to 70 s
                s += step < 12 ? 0 : step < 17 ? 1 : step < 19 ? random.nextInt(8) : random.nextInt(70);
                long second = random.nextInt(10) == 0 ? s - random.nextInt(70) : s;
                boolean put = random.nextBoolean();
                boolean wasCounted = w.countOrder(second, put);
                boolean expectCounted = newest == Long.MIN_VALUE || newest - second < 60;
                assertThat(wasCounted).as("order %d of second %d, newest %d", n, second, newest).isEqualTo(expectCounted);
                if (expectCounted) {
                    counted.add(new long[] {second, put ? 1 : 0});
                    newest = Math.max(newest, second);
                }
                for (int window : new int[] {1, 2, 5, 7, 60}) {
                    long puts = 0;
                    long cancels = 0;
                    for (long[] o : counted) {
                        if (o[0] > newest - window) {
                            puts += o[1];
                            cancels += 1 - o[1];
                        }
                    }
                    assertThat(w.recent(true, window)).as("puts in %d s after order %d", window, n).isEqualTo(puts);
                    assertThat(w.recent(false, window)).as("cancels in %d s after order %d", window, n).isEqualTo(cancels);
                }
                assertThat(w.puts60() + w.cancels60()).isEqualTo(w.recent(true, 60) + w.recent(false, 60));
                if (n == 1_500) { // through a checkpoint into a table of its own
                    SymbolWatch saved = w.toCheckpoint();
                    table = SymbolWatches.perStream(new WatchdogSettings());
                    table.restore("X", saved);
                    w = table.view(0);
                }
            }
        }
    }
}
