package com.supercandles.alert;


import com.supercandles.event.DeadLetter;
import com.supercandles.event.EventJson;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.PipelineCounters;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;


/**
 * Keeps repeated trades out of everything downstream: a trade whose {@code trade_id} is among its
 * symbol's last N trade ids (the rule's threshold, 100 by default: the memory is bounded, N ids per
 * symbol) becomes a dead letter of kind {@code duplicate} instead of an event, and the
 * {@code duplicate_trade} alert fires (RESOLVED with the symbol's next new trade). After a
 * {@code keyBy(symbol)} of the trades, before the pre-aggregation: one subtask sees every trade of a
 * symbol, in the order of its partition.
 *
 * <p>The ids are compared as 64-bit keys ({@link com.supercandles.event.EventId}: a numeric id is its
 * number, any other a hash of its text) in flat arrays ({@link RecentTradeKeys}): a new trade costs no
 * allocation. At checkpoints each symbol traded since the last one is written to keyed state (its keys,
 * 8 bytes each: {@link SymbolCheckpoints}), so that a restore at another parallelism gives a symbol's
 * memory to the subtask that reads its trades from then on. Checkpoints of earlier releases (operator
 * state: the keys, or before them the ids as text, {@link RecentTradeIds}) are read and converted.
 */
public class DuplicateTradeFilter extends AbstractStreamOperator<MarketEvent>
        implements OneInputStreamOperator<MarketEvent, MarketEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DUPLICATES = new OutputTag<>("duplicates", TypeInformation.of(DeadLetter.class));
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("duplicate-alerts", TypeInformation.of(Alert.class));

    /** The most trades per symbol the check remembers (the rule's threshold). */
    public static final int MAX_REMEMBERED = RecentTradeKeys.MAX_DEPTH;

    private final RuleSettings rule;
    private transient RecentTradeKeys recent;
    private transient SymbolCheckpoints<TradeKeysEntry> checkpoints;
    private transient PipelineCounters.Count duplicates;

    public DuplicateTradeFilter(RuleSettings rule) {
        this.rule = rule;
        if (rule.threshold < 1 || rule.threshold > MAX_REMEMBERED) {
            throw new IllegalArgumentException("watchdog." + rule.rule + ".threshold must be 1 to "
                    + MAX_REMEMBERED + " (trades remembered per symbol), not " + Numbers.shown(rule.threshold));
        }
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        recent = new RecentTradeKeys((int) rule.threshold);
        checkpoints = new SymbolCheckpoints<>(this, "recent-trade-keys-by-symbol", TradeKeysEntry.class);
        checkpoints.restore((symbol, e) -> recent.restore(symbol, e.keys, e.firing, e.lastFiring));
        checkpoints.restoreLegacy(context, new ListStateDescriptor<>("recent-trade-keys",
                TypeInformation.of(TradeKeysEntry.class)), e -> e.symbol,
                (symbol, e) -> checkpoints.touched(recent.restore(symbol, e.keys, e.firing, e.lastFiring)));
        checkpoints.restoreLegacy(context, new ListStateDescriptor<>("recent-trade-ids",
                TypeInformation.of(RecentTradeIds.class)), r -> r.symbol,
                (symbol, r) -> checkpoints.touched(recent.restore(symbol, r.keysOldestFirst(), r.duplicates.firing,
                        r.duplicates.lastFiring)));
    }

    @Override
    public void open() throws Exception {
        super.open();
        duplicates = PipelineCounters.register(getRuntimeContext(), PipelineCounters.DUPLICATES);
    }

    @Override
    public void processElement(StreamRecord<MarketEvent> record) {
        MarketEvent e = record.getValue();
        if (e.type != EventType.TRADE) {
            output.collect(record);
            return;
        }
        int id = recent.idOf(e.symbol);
        checkpoints.touched(id);
        boolean duplicate = recent.seen(id, e.idKey());
        String change = recent.update(id, duplicate, e.ts, rule.cooldownMs);
        if (change != null) {
            String message = (change.equals(Alert.RESOLVED) ? "resolved: " : "") + e.symbol + ": trade_id " + e.id()
                    + (duplicate ? " repeats one of the symbol's last " + (long) rule.threshold + " trades: the repeat is"
                    + " kept out of the candles (a dead letter of kind duplicate); check the feed for replays"
                    : " is new again");
            Alert alert = Alert.of(rule.rule, e.symbol, "trades", rule.severity, change, duplicate ? 1 : 0,
                    rule.threshold, e.ts, message);
            output.collect(ALERTS, new StreamRecord<>(alert, e.ts));
        }
        if (duplicate) {
            duplicates.inc();
            output.collect(DUPLICATES, new StreamRecord<>(new DeadLetter("trades", DeadLetter.DUPLICATE,
                    "duplicate: trade_id " + e.id() + " repeats one of " + e.symbol + "'s last " + (long) rule.threshold
                            + " trades", EventJson.toJson(e), System.currentTimeMillis()), e.ts));
            return;
        }
        output.collect(record);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpoints.write(recent::symbol, recent::entry);
    }
}
