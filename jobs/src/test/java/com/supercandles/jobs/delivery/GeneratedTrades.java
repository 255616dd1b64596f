package com.supercandles.jobs.delivery;

import com.supercandles.jobs.backtest.Trade;

import com.supercandles.alert.Alert;
import com.supercandles.alert.AlertIds;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.event.EventParser;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.StreamWatermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A market for the delivery fault tests: trades of one symbol, one every {@link #STEP_MS} of event time,
 * released at a fixed rate of wall time, without end (a live feed). The price sits at 100 or 110 and
 * switches level {@code jumps} times, {@link #GAP} trades apart (70 s of event time, beyond
 * {@code trade_corridor}'s 60-s cooldown): each switch is a move of 9-10 %, so the watchdog FIRES there
 * and RESOLVES at the next trade. {@link #expected} computes those alerts from the schedule alone,
 * not with the job's rules.
 */
final class GeneratedTrades {
    static final String SYMBOL = "DRILL";
    static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    static final long STEP_MS = 100;
    static final int FIRST_JUMP = 300;
    static final int GAP = 700;
    /** Trades released so far in this JVM: what the source could emit, i.e. the job's intake. */
    static final AtomicLong EMITTED = new AtomicLong();

    private GeneratedTrades() {}

    static DataGeneratorSource<ParsedRecord> source(int jumps, double perSecond, Duration maxOutOfOrderness) {
        return new DataGeneratorSource<>(new Trade(jumps, maxOutOfOrderness), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(perSecond), TypeInformation.of(ParsedRecord.class));
    }

    static long ts(long i) {
        return T0 + i * STEP_MS;
    }

    private static long jumpAt(int n) {
        return FIRST_JUMP + (long) (n - 1) * GAP;
    }

    /** 100 before the first jump and after every even one, 110 after every odd one. */
    static double price(long i, int jumps) {
        int done = i < FIRST_JUMP ? 0 : (int) Math.min(jumps, (i - FIRST_JUMP) / GAP + 1);
        return done % 2 == 0 ? 100 : 110;
    }

    /** Trades until the last alert: the source has to release at least this many. */
    static long tradesForAll(int jumps) {
        return jumpAt(jumps) + 2;
    }

    /** alert id to "FIRING" or "RESOLVED": a FIRING at each jump, its RESOLVED at the next trade. */
    static Map<String, String> expected(int jumps) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int n = 1; n <= jumps; n++) {
            ids.put(AlertIds.of(WatchdogSettings.TRADE_CORRIDOR, SYMBOL, "trades", Alert.FIRING, ts(jumpAt(n))), Alert.FIRING);
            ids.put(AlertIds.of(WatchdogSettings.TRADE_CORRIDOR, SYMBOL, "trades", Alert.RESOLVED, ts(jumpAt(n) + 1)),
                    Alert.RESOLVED);
        }
        return ids;
    }

    /** Trade {@code i} as the Kafka source's deserializer would hand it over: parsed and stamped. */
    private static final class Trade implements GeneratorFunction<Long, ParsedRecord> {
        private static final long serialVersionUID = 1L;
        private final int jumps;
        private final Duration maxOutOfOrderness;
        private transient EventParser parser;
        private transient StreamWatermark watermark;

        Trade(int jumps, Duration maxOutOfOrderness) {
            this.jumps = jumps;
            this.maxOutOfOrderness = maxOutOfOrderness;
        }

        @Override
        public void open(SourceReaderContext context) {
            parser = new EventParser();
            watermark = new StreamWatermark(maxOutOfOrderness);
        }

        @Override
        public ParsedRecord map(Long i) {
            EMITTED.incrementAndGet();
            return watermark.stamp(parser.parse("trades", String.format(Locale.ROOT,
                    "{\"type\":\"trade\",\"symbol\":\"%s\",\"ts\":%d,\"trade_id\":\"%d\",\"price\":%s,\"qty\":1,\"side\":\"B\"}",
                    SYMBOL, ts(i), i, price(i, jumps))));
        }
    }
}
