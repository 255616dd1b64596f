package com.supercandles.alert;

import com.supercandles.event.EventId;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flat key memory against the plainest possible one (per symbol, a queue of the last N ids as text,
 * scanned): the same verdict on every trade, for numeric and text ids, many symbols, repeats inside and
 * just outside the depth, table collisions and evictions, and through a checkpoint and restore.
 */
class RecentTradeKeysTest {
    /** The reference: ids as they were written, the last {@code depth} per symbol. */
    private static final class Plain {
        final int depth;
        final Map<String, ArrayDeque<String>> last = new HashMap<>();

        Plain(int depth) {
            this.depth = depth;
        }

        boolean seen(String symbol, String id) {
            ArrayDeque<String> q = last.computeIfAbsent(symbol, s -> new ArrayDeque<>());
            if (q.contains(id)) {
                return true;
            }
            if (q.size() == depth) {
                q.removeFirst();
            }
            q.addLast(id);
            return false;
        }
    }

    private static long key(String id) {
        MarketEvent e = MarketEvent.trade("X", 1, id, 1, 1, Side.B);
        return e.idKey();
    }

    private static String randomId(Random r, int range) {
        int n = r.nextInt(range);
        switch (r.nextInt(4)) {
            case 0: return "t" + n;             // text
            case 1: return "0" + n;             // a leading zero: text, not the number n
            default: return Integer.toString(n); // a number
        }
    }

    @Test
    void sameVerdictAsAQueueOfTheLastNIdsThroughACheckpoint() {
        for (int depth : new int[] {1, 2, 7, 100}) {
            Random r = new Random(depth);
            Plain plain = new Plain(depth);
            RecentTradeKeys keys = new RecentTradeKeys(depth);
            int duplicates = 0;
            for (int i = 0; i < 200_000; i++) {
                if (i == 100_000) {
                    RecentTradeKeys restored = new RecentTradeKeys(depth);
                    for (TradeKeysEntry e : keys.checkpoint()) {
                        restored.restore(e.symbol, e.keys, e.firing, e.lastFiring);
                    }
                    keys = restored;
                }
                String symbol = "S" + r.nextInt(300);
                String id = randomId(r, 3 * depth + 5);
                boolean expected = plain.seen(symbol, id);
                assertThat(keys.seen(keys.idOf(symbol), key(id)))
                        .as("trade %d: %s %s at depth %d", i, symbol, id, depth).isEqualTo(expected);
                duplicates += expected ? 1 : 0;
            }
            // the market must exercise both verdicts, or the comparison says little
            assertThat(duplicates).as("repeats at depth %d", depth).isBetween(2_000, 190_000);
        }
    }

    @Test
    void idsThatShareTableSlotsAreStillTellApartAndForgottenInOrder() {
        // Sequential numbers of one symbol, as a venue writes them: every key is evicted in turn.
        RecentTradeKeys keys = new RecentTradeKeys(100);
        int id = keys.idOf("A");
        for (long t = 1; t <= 10_000; t++) {
            assertThat(keys.seen(id, t)).isFalse();
            assertThat(keys.seen(id, t)).isTrue();
            if (t > 100) {
                assertThat(keys.seen(id, t - 99)).as("the 100th last is remembered").isTrue();
            }
        }
        assertThat(keys.seen(id, 10_000 - 100)).as("the 101st last is forgotten").isFalse();
    }

    @Test
    void aNumericIdIsItsNumberAndATextKeyNeverEqualsOne() {
        assertThat(key("8111041")).isEqualTo(8_111_041L);
        assertThat(key("0")).isZero();
        assertThat(key("007")).isNegative().isNotEqualTo(key("7"));
        assertThat(key("1234567890123456789")).as("19 digits: text").isNegative();
        assertThat(key("123456789012345678")).isEqualTo(123_456_789_012_345_678L);
        assertThat(EventId.number("-5")).isEqualTo(EventId.NONE);
        MarketEvent e = MarketEvent.trade("X", 1, "007", 1, 1, Side.B);
        assertThat(e.id()).isEqualTo("007");
        assertThat(MarketEvent.trade("X", 1, "42", 1, 1, Side.B).id()).isEqualTo("42");
    }

    @Test
    void aCheckpointOfTheEarlierTextLayoutIsReadAsKeys() {
        RecentTradeIds earlier = new RecentTradeIds();
        earlier.symbol = "A";
        earlier.ids = new String[] {"3", "x1", null};
        earlier.next = 2;
        List<Long> keys = new ArrayList<>();
        for (long k : earlier.keysOldestFirst()) {
            keys.add(k);
        }
        assertThat(keys).containsExactly(3L, key("x1"));
        RecentTradeKeys memory = new RecentTradeKeys(2);
        memory.restore("A", earlier.keysOldestFirst(), false, Long.MIN_VALUE);
        int a = memory.idOf("A");
        assertThat(memory.seen(a, key("x1"))).isTrue();
        assertThat(memory.seen(a, 3L)).isTrue();
        assertThat(memory.seen(a, 4L)).isFalse();  // forgets 3
        assertThat(memory.seen(a, 3L)).isFalse();
    }

    @Test
    void aCheckpointEntryRoundTripsThroughItsSerializerInAFewBytesAKey() throws Exception {
        org.apache.flink.api.common.typeutils.TypeSerializer<TradeKeysEntry> serializer =
                org.apache.flink.api.common.typeinfo.TypeInformation.of(TradeKeysEntry.class)
                        .createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl());
        assertThat(serializer).isInstanceOf(TradeKeysEntrySerializer.class);
        RecentTradeKeys keys = new RecentTradeKeys(100);
        int a = keys.idOf("A");
        for (long t = 5_000_000_000L; t < 5_000_000_250L; t++) {
            keys.seen(a, t);                  // a venue's numbered trades
        }
        int b = keys.idOf("B");
        for (int t = 0; t < 30; t++) {
            keys.seen(b, key("x" + t));       // text ids: hashes, any value
        }
        keys.seen(b, -0L);
        keys.update(b, true, 77, 0);
        for (TradeKeysEntry e : keys.checkpoint()) {
            org.apache.flink.core.memory.DataOutputSerializer out = new org.apache.flink.core.memory.DataOutputSerializer(64);
            serializer.serialize(e, out);
            TradeKeysEntry back = serializer.deserialize(new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).usingRecursiveComparison().isEqualTo(e);
            if (e.symbol.equals("A")) {
                assertThat(e.keys).hasSize(100).startsWith(5_000_000_150L);
                assertThat(out.length()).as("consecutive numbers: a byte a key").isLessThan(100 + 20);
            } else {
                assertThat(back.firing).isTrue();
                assertThat(back.lastFiring).isEqualTo(77);
            }
        }
    }
}
