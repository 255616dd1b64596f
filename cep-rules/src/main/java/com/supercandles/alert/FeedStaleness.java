package com.supercandles.alert;


import com.supercandles.event.EventType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Feed staleness per (symbol, stream), on processing time: event time cannot see a silent feed (the
 * watermark stops with the data). A stream seen once and then silent for N seconds is STALE (FIRING),
 * RECOVERED (RESOLVED) when its next event arrives. Critical when the symbol's other streams flowed
 * meanwhile (one feed died), warning when the whole symbol is silent (maybe only quiet).
 *
 * <p>It reads {@link FeedPulse}s (one per symbol, stream and second with events, from {@link FeedPulses}
 * at the sources), not the events: a silence is judged up to a pulse interval late. Each pulse only
 * notes the time; one timer per symbol checks every N / 2. The alert's event time is
 * the {@code ts} of the stream's last event (STALE) or of the event that ended the silence (RECOVERED),
 * so ids do not depend on when the check ran. The first event of each pair also sends a {@link #SEEN}
 * marker: {@link FeedDownCollapse}, after this, turns a stream silent for every symbol into one alert. After a start or restore, silence is counted from the
 * start: the job's own downtime is not a feed's.
 */
public class FeedStaleness extends KeyedProcessFunction<String, FeedPulse, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String RULE = "feed_stale";
    /**
     * Not an alert: the state of the marker record sent when a (symbol, stream) is seen for the first
     * time, so that {@link FeedDownCollapse} knows how many symbols each stream has. It never leaves the
     * watchdog.
     */
    public static final String SEEN = "SEEN";
    private static final EventType[] STREAMS = EventType.values();

    private final long silenceMs;
    private final Severity critical;
    private transient ValueState<FeedState> state;
    private transient long startedAt;

    public FeedStaleness(RuleSettings settings) {
        this.silenceMs = (long) settings.threshold;
        this.critical = settings.severity;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("feeds", TypeInformation.of(FeedState.class)));
        startedAt = Long.MIN_VALUE;
    }

    @Override
    public void processElement(FeedPulse e, Context ctx, Collector<Alert> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (startedAt == Long.MIN_VALUE) {
            startedAt = now;
        }
        FeedState s = state.value();
        if (s == null) {
            s = FeedState.create(STREAMS.length);
        }
        int i = e.stream.ordinal();
        if (s.stale[i]) {
            s.stale[i] = false;
            long silentFor = now - s.lastSeen[i];
            out.collect(Alert.of(RULE, e.symbol, e.stream.streamName(), critical, Alert.RESOLVED, silentFor, silenceMs, e.firstTs,
                    "resolved: " + e.symbol + " " + e.stream.streamName() + " is flowing again after "
                            + silentFor / 1000 + " s of silence"));
        }
        if (s.lastSeen[i] == Long.MIN_VALUE) {
            Alert seen = new Alert();
            seen.rule = RULE;
            seen.symbol = e.symbol;
            seen.stream = e.stream.streamName();
            seen.state = SEEN;
            seen.eventTime = e.firstTs;
            out.collect(seen);
        }
        s.lastSeen[i] = now;
        s.lastTs[i] = e.lastTs;
        if (s.nextCheck == Long.MIN_VALUE) {
            s.nextCheck = now + Math.max(1, silenceMs / 2);
            ctx.timerService().registerProcessingTimeTimer(s.nextCheck);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        FeedState s = state.value();
        if (s == null) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        if (startedAt == Long.MIN_VALUE) {
            startedAt = now; // restored: the first check after a restore starts the clock
        }
        boolean anyFlowing = false;
        for (int i = 0; i < STREAMS.length; i++) {
            anyFlowing |= s.lastSeen[i] != Long.MIN_VALUE && now - s.lastSeen[i] <= silenceMs;
        }
        for (int i = 0; i < STREAMS.length; i++) {
            boolean silent = s.lastSeen[i] != Long.MIN_VALUE && now - Math.max(s.lastSeen[i], startedAt) > silenceMs;
            if (silent && !s.stale[i]) {
                s.stale[i] = true;
                long silentFor = now - s.lastSeen[i];
                String stream = STREAMS[i].streamName();
                Severity severity = anyFlowing ? critical : Severity.WARNING;
                out.collect(Alert.of(RULE, ctx.getCurrentKey(), stream, severity, Alert.FIRING, silentFor, silenceMs,
                        s.lastTs[i], ctx.getCurrentKey() + " " + stream + ": no event for " + silentFor / 1000 + " s"
                                + (anyFlowing ? " while the symbol's other streams flow: this feed is down; check its"
                                        + " connection and topic" : ", nor on the symbol's other streams: the symbol"
                                        + " is quiet or its whole feed is down")));
            }
        }
        s.nextCheck = now + Math.max(1, silenceMs / 2);
        ctx.timerService().registerProcessingTimeTimer(s.nextCheck);
        state.update(s);
    }
}
