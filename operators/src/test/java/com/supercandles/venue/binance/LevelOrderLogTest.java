package com.supercandles.venue.binance;

import com.supercandles.event.EventJson;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LevelOrderLogTest {
    @Test
    void growthIsAPutAndShrinkageBeyondTheTradesAtThatPriceIsACancel() {
        LevelOrderLog log = new LevelOrderLog("X", 1000);
        List<MarketEvent> out = new ArrayList<>();
        log.level(true, 10.0, 1.0, 1.1, 100, 5, out); // +0.1 in decimal
        log.trade(Side.S, 10.0, 0.3, 150); // a seller hit the bid at 10: 0.3 leaves the bid level
        log.level(true, 10.0, 1.1, 0.5, 160, 6, out); // -0.6 = 0.3 traded + 0.3 cancelled
        log.level(false, 11.0, 2.0, 0.0, 170, 7, out); // no trade on the ask: all cancelled
        assertThat(out).extracting(EventJson::toJson).containsExactly(
                "{\"type\":\"order\",\"symbol\":\"X\",\"ts\":100,\"order_id\":\"d5-1\",\"action\":\"put\",\"side\":\"B\",\"price\":10.0,\"qty\":0.1}",
                "{\"type\":\"order\",\"symbol\":\"X\",\"ts\":160,\"order_id\":\"d6-2\",\"action\":\"cancel\",\"side\":\"B\",\"price\":10.0,\"qty\":0.3}",
                "{\"type\":\"order\",\"symbol\":\"X\",\"ts\":170,\"order_id\":\"d7-3\",\"action\":\"cancel\",\"side\":\"S\",\"price\":11.0,\"qty\":2.0}");
    }

    @Test
    void aTradeExplainsNothingAfterItsCreditWindowOrAGap() {
        LevelOrderLog log = new LevelOrderLog("X", 1000);
        List<MarketEvent> out = new ArrayList<>();
        log.trade(Side.B, 11.0, 1.0, 0); // a buyer lifted the ask at 11
        log.expire(2000);
        log.level(false, 11.0, 1.0, 0.0, 2000, 1, out);
        log.trade(Side.B, 11.0, 1.0, 2100);
        log.clear();
        log.level(false, 11.0, 1.0, 0.0, 2200, 2, out);
        log.trade(Side.B, 11.0, 1.0, 2300);
        log.level(false, 11.0, 1.0, 0.0, 2300, 3, out); // this one is the trade: no cancel
        assertThat(out).extracting(e -> e.action.wireName() + " " + e.qty).containsExactly("cancel 1.0", "cancel 1.0");
    }
}
