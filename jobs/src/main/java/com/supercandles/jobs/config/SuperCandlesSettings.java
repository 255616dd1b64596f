package com.supercandles.jobs.config;

import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;
import com.supercandles.candle.Period;
import com.supercandles.event.EventParser;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.model.ExecutionModelSettings;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.signal.SignalSettings;

import java.time.Duration;
import java.util.List;

/** What the SuperCandles job computes and how it treats time; every field has a documented default. */
public final class SuperCandlesSettings {
    /**
     * Whether the job makes records of {@code kind} at all with some strategies configured or not and a
     * model or not (the signals need strategies, the scores and the guard's records a model): which
     * files a replay opens and which topics a live start requires.
     */
    public static boolean makes(OutputKind<?> kind, boolean strategies, boolean model) {
        if (kind == Outputs.SIGNALS) {
            return strategies;
        }
        return kind == Outputs.SCORES || kind == Outputs.GUARD ? model : true;
    }

    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    private List<Period> periods = List.of(Period.parse("5m"));
    private Instruments instruments = Instruments.withDefaults(InstrumentSpec.DEFAULT);
    private Duration maxOutOfOrderness = DEFAULT_MAX_OUT_OF_ORDERNESS;
    private Duration idleness;
    private Duration allowedLateness = Duration.ZERO;
    private Duration maxFutureSkew = EventParser.DEFAULT_MAX_FUTURE_SKEW;
    private ExecutionModelSettings executionModel;
    private SignalSettings signals = new SignalSettings();
    private WatchdogSettings watchdogs = new WatchdogSettings();
    private com.supercandles.score.ScoreModel scoreModel;

    /** A copy to change without touching this one. */
    public SuperCandlesSettings copy() {
        SuperCandlesSettings c = new SuperCandlesSettings();
        c.periods = periods;
        c.instruments = instruments;
        c.maxOutOfOrderness = maxOutOfOrderness;
        c.idleness = idleness;
        c.allowedLateness = allowedLateness;
        c.maxFutureSkew = maxFutureSkew;
        c.executionModel = executionModel;
        c.signals = signals;
        c.watchdogs = watchdogs;
        c.scoreModel = scoreModel;
        return c;
    }

    public SuperCandlesSettings periods(List<Period> periods) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("at least one period is needed");
        }
        this.periods = List.copyOf(periods);
        return this;
    }

    public SuperCandlesSettings instruments(Instruments instruments) {
        this.instruments = instruments;
        return this;
    }

    /** How far behind the newest event an event may arrive and still count in its window. */
    public SuperCandlesSettings maxOutOfOrderness(Duration d) {
        this.maxOutOfOrderness = nonNegative("max out-of-orderness", d);
        return this;
    }

    /** After this much processing time without events a source split stops holding back watermarks; null: never. */
    public SuperCandlesSettings idleness(Duration d) {
        this.idleness = d == null || d.isZero() ? null : nonNegative("idleness", d);
        return this;
    }

    /** How long a fired window still accepts late events (each one re-emits the candle). */
    public SuperCandlesSettings allowedLateness(Duration d) {
        this.allowedLateness = nonNegative("allowed lateness", d);
        return this;
    }

    public SuperCandlesSettings maxFutureSkew(Duration d) {
        this.maxFutureSkew = nonNegative("max future skew", d);
        return this;
    }

    /** The execution model's lookback, buckets, depths and period (default: the shortest candle period). */
    public SuperCandlesSettings executionModel(ExecutionModelSettings model) {
        this.executionModel = model;
        return this;
    }

    /** The paper strategies (default: all five with the contract's parameters, on the shortest period). */
    public SuperCandlesSettings signals(SignalSettings signals) {
        this.signals = java.util.Objects.requireNonNull(signals);
        return this;
    }

    public SignalSettings signals() {
        return signals;
    }

    /** The watchdog rules (default: every rule on, with its documented threshold). */
    public SuperCandlesSettings watchdogs(WatchdogSettings watchdogs) {
        this.watchdogs = java.util.Objects.requireNonNull(watchdogs);
        return this;
    }

    public WatchdogSettings watchdogs() {
        return watchdogs;
    }

    /** The trained model score (bin/supercandles train); null: no scores, no guard. */
    public SuperCandlesSettings scoreModel(com.supercandles.score.ScoreModel model) {
        this.scoreModel = model == null ? null : model.check();
        return this;
    }

    /** The model, with the alert bands of {@code watchdog.model_score.threshold} where that is set. */
    public com.supercandles.score.ScoreModel scoreModel() {
        double threshold = watchdogs.rule(com.supercandles.alert.WatchdogSettings.MODEL_SCORE).threshold;
        return scoreModel == null || Double.isNaN(threshold) ? scoreModel
                : scoreModel.withBands(new com.supercandles.score.ScoreBands(threshold, scoreModel.bands.step));
    }

    public ExecutionModelSettings executionModel() {
        return executionModel != null ? executionModel : ExecutionModelSettings.defaults(periods.get(0));
    }

    private static Duration nonNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive, got " + d);
        }
        return d;
    }

    public List<Period> periods() {
        return periods;
    }

    public Instruments instruments() {
        return instruments;
    }

    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    public Duration idleness() {
        return idleness;
    }

    public Duration allowedLateness() {
        return allowedLateness;
    }

    public EventParser parser() {
        return new EventParser(maxFutureSkew);
    }
}
