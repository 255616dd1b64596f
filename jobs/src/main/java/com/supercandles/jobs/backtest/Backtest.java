package com.supercandles.jobs.backtest;

import com.supercandles.candle.Period;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.SuperCandlesJob;
import com.supercandles.signal.SignalBar;
import com.supercandles.output.Outputs;
import com.supercandles.signal.SignalSettings;
import com.supercandles.sinks.JsonLinesFileSink;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Runs the job's own paper-strategy operators ({@link SuperCandlesJob#signals}) over bars read from
 * candle files, in a local Flink environment: the same code as live, so the same records.
 */
public final class Backtest {
    private Backtest() {}

    /** The periods found among {@code bars}, shortest first. */
    public static List<Period> periods(List<SignalBar> bars) {
        TreeSet<Period> periods = new TreeSet<>();
        for (SignalBar b : bars) {
            periods.add(Period.parse(b.period));
        }
        return new ArrayList<>(periods);
    }

    /** Writes the signal records of {@code bars} (in window order per symbol and period) to {@code signalsOut}. */
    public static void run(List<SignalBar> bars, SignalSettings settings, Path signalsOut) throws Exception {
        List<String> periods = new ArrayList<>();
        for (Period p : settings.periodsOf(periods(bars))) {
            periods.add(p.toString());
        }
        List<SignalBar> used = new ArrayList<>();
        for (SignalBar b : bars) {
            if (periods.contains(b.period)) {
                used.add(b);
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(Replay.localConfiguration());
        env.setParallelism(1);
        // one source subtask in list order: each (symbol, period) reaches its key in window order
        DataStream<SignalBar> source = env.fromData(used, TypeInformation.of(SignalBar.class));
        SuperCandlesJob.signals(source, settings)
                .sinkTo(JsonLinesFileSink.of(signalsOut, Outputs.SIGNALS.json())).name("signal records");
        env.execute("SuperCandles backtest");
    }
}
