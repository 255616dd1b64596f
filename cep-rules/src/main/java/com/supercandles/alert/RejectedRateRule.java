package com.supercandles.alert;


import com.supercandles.event.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rejected records per (symbol, stream) per minute above a rate. Fires on the record that takes its
 * minute over the limit; resolves at the end of the first later minute at or under the limit (a minute
 * without rejections included, seen through an event-time timer when no more come).
 *
 * <p>Time is the stream's: a rejected record carries the newest {@code ts} its partition had shown
 * ({@link DeadLetter#streamTime}), so a replay gives the same alerts and ids as live; a record rejected
 * before its partition's first valid event has only the wall clock. Records without a readable symbol
 * count under the symbol {@value #NO_SYMBOL}.
 */
public class RejectedRateRule extends KeyedProcessFunction<String, DeadLetter, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String RULE = "rejected_rate";
    static final String NO_SYMBOL = "(no symbol)";
    private static final long MINUTE = 60_000;

    private final RuleSettings settings;
    private transient ValueState<RejectedMinute> state;

    public RejectedRateRule(RuleSettings settings) {
        this.settings = settings;
    }

    /** The key: the record's symbol and stream. */
    public static String key(DeadLetter d) {
        return symbol(d) + '|' + d.stream;
    }

    private static String symbol(DeadLetter d) {
        return d.symbol != null ? d.symbol : NO_SYMBOL;
    }

    /** The rule's clock: the stream's time, or the wall clock before the stream had any. */
    static long time(DeadLetter d) {
        return d.streamTime != Long.MIN_VALUE ? d.streamTime : d.rejectedAt;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("rejected-minute",
                TypeInformation.of(RejectedMinute.class)));
    }

    @Override
    public void processElement(DeadLetter d, Context ctx, Collector<Alert> out) throws Exception {
        RejectedMinute s = state.value();
        if (s == null) {
            s = new RejectedMinute();
        }
        long t = time(d);
        long minute = t - Math.floorMod(t, MINUTE);
        if (minute > s.minute) {
            if (s.switchOf().firing) {
                // the minute that just ended was under the limit, or an empty minute followed it
                long quietEnd = s.count <= settings.threshold ? s.minute + MINUTE : minute > s.minute + MINUTE
                        ? s.minute + 2 * MINUTE : Long.MIN_VALUE;
                if (quietEnd != Long.MIN_VALUE) {
                    resolve(s, symbol(d), d.stream, quietEnd, out);
                }
            }
            s.minute = minute;
            s.count = 0;
        }
        s.count++;
        // only an excess is fed to the switch: a minute under the limit resolves at its end, not on its first record
        if (s.count > settings.threshold && Alert.FIRING.equals(s.switchOf().update(true, t, settings.cooldownMs))) {
            out.collect(Alert.of(settings.rule, symbol(d), d.stream, settings.severity, Alert.FIRING, s.count,
                    settings.threshold, t, symbol(d) + " " + d.stream + ": " + s.count + " records rejected within"
                            + " the minute (limit " + Numbers.shown(settings.threshold) + "); the latest: " + d.reason
                            + ". Check the producer's format (the dead letters keep each record and its reason)"));
        }
        if (s.switchOf().firing) {
            ctx.timerService().registerEventTimeTimer(s.minute + MINUTE - 1);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        RejectedMinute s = state.value();
        if (s == null || !s.switchOf().firing) {
            return;
        }
        String key = ctx.getCurrentKey();
        int bar = key.lastIndexOf('|'); // streams have no '|', symbols may
        String symbol = key.substring(0, bar);
        String stream = key.substring(bar + 1);
        if (timestamp == s.minute + MINUTE - 1) {
            if (s.count <= settings.threshold) {
                resolve(s, symbol, stream, s.minute + MINUTE, out);
            } else {
                ctx.timerService().registerEventTimeTimer(s.minute + 2 * MINUTE - 1);
            }
        } else if (timestamp == s.minute + 2 * MINUTE - 1) {
            resolve(s, symbol, stream, s.minute + 2 * MINUTE, out); // no record came in the minute after
        } else {
            return; // a timer of a minute already settled by records
        }
        state.update(s);
    }

    private void resolve(RejectedMinute s, String symbol, String stream, long at, Collector<Alert> out) {
        s.switchOf().update(false, at, settings.cooldownMs);
        long quietCount = at == s.minute + MINUTE ? s.count : 0;
        out.collect(Alert.of(settings.rule, symbol, stream, settings.severity, Alert.RESOLVED, quietCount,
                settings.threshold, at, "resolved: " + symbol + " " + stream + ": rejected records are back at or"
                        + " under " + Numbers.shown(settings.threshold) + " a minute"));
    }

    /** The minute being counted and the rule's switch. A Flink POJO. */
    public static class RejectedMinute {
        public long minute = Long.MIN_VALUE;
        public long count;
        public AlertSwitch alert;

        public RejectedMinute() {}

        AlertSwitch switchOf() {
            if (alert == null) {
                alert = new AlertSwitch();
            }
            return alert;
        }
    }
}
