package com.supercandles.event;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StartUpIdlenessHoldTest {
    private static final long GRACE = 30_000;

    private static OneInputStreamOperatorTestHarness<String, String> started() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new StartUpIdlenessHold<String>(GRACE));
        h.setProcessingTime(1_000);
        h.open();
        return h;
    }

    /** What reached downstream, in order: records, watermarks and statuses. */
    private static List<String> downstream(OneInputStreamOperatorTestHarness<String, String> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark) {
                out.add("watermark " + ((Watermark) o).getTimestamp());
            } else if (o instanceof WatermarkStatus) {
                out.add(((WatermarkStatus) o).isIdle() ? "idle" : "active");
            } else {
                out.add("record");
            }
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void aSubtaskWithoutItsSplitYetIsNotIdleDownstreamUntilItHasStarted() throws Exception {
        try (var h = started()) {
            h.processWatermarkStatus(WatermarkStatus.IDLE); // no split yet
            h.setProcessingTime(5_000);
            assertThat(downstream(h)).as("downstream keeps waiting for it").isEmpty();

            h.processWatermarkStatus(WatermarkStatus.ACTIVE); // its split came
            h.processElement("e", 10);
            h.processWatermark(new Watermark(10));
            assertThat(downstream(h)).containsExactly("record", "watermark 10");

            h.setProcessingTime(1_000 + GRACE + 1); // the grace's timer finds it started: nothing to release
            h.processWatermarkStatus(WatermarkStatus.IDLE); // idle once started: passed on at once
            assertThat(downstream(h)).containsExactly("idle");
            h.processWatermarkStatus(WatermarkStatus.ACTIVE);
            assertThat(downstream(h)).containsExactly("active");
        }
    }

    @Test
    void aSubtaskThatNeverStartsGoesIdleWhenTheGraceEnds() throws Exception {
        try (var h = started()) {
            h.processWatermarkStatus(WatermarkStatus.IDLE);
            h.setProcessingTime(1_000 + GRACE - 1);
            assertThat(downstream(h)).isEmpty();
            h.setProcessingTime(1_000 + GRACE);
            assertThat(downstream(h)).containsExactly("idle");
            // and when it does start after all, downstream hears it
            h.processWatermarkStatus(WatermarkStatus.ACTIVE);
            h.processWatermark(new Watermark(7));
            assertThat(downstream(h)).containsExactly("active", "watermark 7");
        }
    }
}
