package com.supercandles.alert;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * The event-time watchdog rules of one symbol (keyed by symbol): time going backwards, trades out of
 * their corridor, order put and cancel rates, cancels per put, big orders, orders far from the mid. Each
 * event costs one state read and write and no allocation unless a rule changes state. Alert ids come
 * from the triggering event's {@code ts}, so a replay gives the same alerts.
 */
public class EventWatchdog extends KeyedProcessFunction<String, MarketEvent, Alert> {
    private static final long serialVersionUID = 1L;

    private final List<EventRule> rules = new ArrayList<>();
    private final int slots;
    private transient ValueState<SymbolWatch> state;

    /**
     * Every rule gets its switch slots whether it is on or not, so that turning a rule on or off keeps
     * the state's layout (and a savepoint stays readable).
     */
    public EventWatchdog(WatchdogSettings settings) {
        List<EventRule> all = List.of(
                new TsBackwardsRule(settings.rule(WatchdogSettings.TS_BACKWARDS), 0), // one slot per stream: 0-2
                new TradeCorridorRule(settings.rule(WatchdogSettings.TRADE_CORRIDOR), 3),
                new OrderRateRule(settings.rule(WatchdogSettings.PUT_RATE_1S), 4, OrderAction.PUT, 1),
                new OrderRateRule(settings.rule(WatchdogSettings.PUT_RATE_5S), 5, OrderAction.PUT, 5),
                new OrderRateRule(settings.rule(WatchdogSettings.PUT_RATE_1M), 6, OrderAction.PUT, 60),
                new OrderRateRule(settings.rule(WatchdogSettings.CANCEL_RATE_1S), 7, OrderAction.CANCEL, 1),
                new OrderRateRule(settings.rule(WatchdogSettings.CANCEL_RATE_5S), 8, OrderAction.CANCEL, 5),
                new OrderRateRule(settings.rule(WatchdogSettings.CANCEL_RATE_1M), 9, OrderAction.CANCEL, 60),
                new CancelsPerPutRule(settings.rule(WatchdogSettings.CANCELS_PER_PUT), 10),
                new BigOrderRule(settings.rule(WatchdogSettings.BIG_ORDER), 11),
                new OrderOffMidRule(settings.rule(WatchdogSettings.ORDER_OFF_MID), 12));
        this.slots = 13;
        for (EventRule r : all) {
            if (r.settings.enabled) {
                rules.add(r);
            }
        }
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("watch", TypeInformation.of(SymbolWatch.class)));
    }

    @Override
    public void processElement(MarketEvent e, Context ctx, Collector<Alert> out) throws Exception {
        SymbolWatch w = state.value();
        if (w == null) {
            w = SymbolWatch.create(EventType.values().length, slots);
        }
        if (e.type == EventType.ORDER) {
            // an order more than a minute behind the symbol's newest is outside every rate window: not counted
            w.countOrder(Math.floorDiv(e.ts, 1000L), e.action == OrderAction.PUT);
        }
        for (EventRule rule : rules) {
            rule.check(e, w, out);
        }
        state.update(w);
    }
}
