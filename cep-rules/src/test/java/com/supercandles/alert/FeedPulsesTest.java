package com.supercandles.alert;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One pulse per symbol and interval with events, with their first and last ts; no watermarks on. */
class FeedPulsesTest {
    private static MarketEvent book(String symbol, long ts) {
        return MarketEvent.book(symbol, ts, new double[] {9}, new double[] {1}, new double[] {11}, new double[] {1});
    }

    private static List<String> drain(OneInputStreamOperatorTestHarness<MarketEvent, FeedPulse> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                FeedPulse p = (FeedPulse) ((StreamRecord<?>) o).getValue();
                out.add(p.symbol + " " + p.stream.streamName() + " " + p.firstTs + ".." + p.lastTs);
            } else {
                out.add(o.toString()); // a watermark would show here
            }
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void aPulsePerSymbolAndIntervalWithEventsAndTheLastOnesAtTheEnd() throws Exception {
        assertThat(FeedPulses.intervalFor(30_000)).isEqualTo(1_000);
        assertThat(FeedPulses.intervalFor(2_000)).isEqualTo(500);
        try (var h = new OneInputStreamOperatorTestHarness<MarketEvent, FeedPulse>(new FeedPulses(EventType.BOOK, 1_000))) {
            h.setProcessingTime(0);
            h.open();
            h.processElement(book("A", 10), 10);
            h.processElement(book("A", 20), 20);
            h.processElement(book("B", 15), 15);
            h.processWatermark(new Watermark(20));
            h.setProcessingTime(999);
            assertThat(drain(h)).isEmpty();
            h.setProcessingTime(1_000);
            assertThat(drain(h)).containsExactlyInAnyOrder("A book 10..20", "B book 15..15");
            h.setProcessingTime(2_000);
            assertThat(drain(h)).isEmpty();                      // nothing came: no pulse
            h.processElement(book("A", 30), 30);
            h.setProcessingTime(3_000);
            assertThat(drain(h)).containsExactly("A book 30..30");
            h.processElement(book("C", 40), 40);
            h.getOneInputOperator().finish();
            assertThat(drain(h)).containsExactly("C book 40..40");
        }
    }
}
