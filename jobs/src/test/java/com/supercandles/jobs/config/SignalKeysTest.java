package com.supercandles.jobs.config;

import com.supercandles.candle.Period;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signal keys as users see them: names, defaults and help (declared with the strategies, built
 * into these keys) and the problems of values that do not parse or are out of range.
 */
class SignalKeysTest {
    private static final List<Period> PERIODS = List.of(Period.parse("1m"), Period.parse("5m"));

    @Test
    void keysDefaultsAndHelpAreTheDocumentedOnes() {
        assertThat(SignalKeys.KEYS).extracting(k -> k.name + "|" + k.defaultValue + "|" + k.help).containsExactly(
                "signal.strategies|disb,levels,levels_trend,cancels,levels_cancels|Paper strategies to run, comma-separated (disb,levels,levels_trend,cancels,levels_cancels), or none.",
                "signal.periods||Candle periods the strategies run on (default: the shortest).",
                "signal.commission-bps|1.5|Commission per side, in basis points.",
                "signal.periods-per-year||Bars per year for annualised scores (default: 365 x 86,400 s / period; e.g. 252 x session / period).",
                "signal.disb.threshold|0.5|disb: long above it, short below minus it.",
                "signal.levels-trend.bars|100|levels_trend: N, the bars of the close slope.",
                "signal.levels-trend.theta|0.0001|levels_trend: the slope / close beyond which a trend counts.",
                "signal.cancels.window|100|cancels: W, the previous bars of the mean + k std threshold.",
                "signal.cancels.k|3|cancels: k of the mean + k std threshold.",
                "signal.cancels.max-hold|12|cancels: bars with a trade a position is held after its signal.",
                "signal.cancels.threshold||cancels: an absolute cancel-count threshold instead of mean + k std.",
                "signal.sessions||Trading sessions: SYMBOL=HH:MM-HH:MM ZONE;... (* for every symbol), e.g. SBER=10:00-18:40 Europe/Moscow.");
        assertThat(LiveConfig.KEYS).containsAll(SignalKeys.KEYS);
    }

    @Test
    void everyValueThatDoesNotParseIsAProblemOfItsKey() {
        assertThatThrownBy(() -> SignalKeys.settings(Map.of("signal.commission-bps", "x", "signal.periods-per-year", "y",
                "signal.levels-trend.bars", "1.5", "signal.cancels.max-hold", "", "signal.cancels.threshold", "q"), PERIODS))
                .hasMessage("5 problems:\n"
                        + "  - --signal.commission-bps must be a number, got 'x'\n"
                        + "  - --signal.periods-per-year must be a number, got 'y'\n"
                        + "  - --signal.levels-trend.bars must be a whole number, got '1.5'\n"
                        + "  - --signal.cancels.max-hold must be a whole number, got ''\n"
                        + "  - --signal.cancels.threshold must be a number, got 'q'");
    }

    @Test
    void valuesOutOfRangeAreProblemsOfTheirKeys() {
        assertThatThrownBy(() -> SignalKeys.settings(Map.of("signal.periods-per-year", "0", "signal.disb.threshold", "1",
                "signal.cancels.window", "1", "signal.cancels.k", "-2"), PERIODS))
                .hasMessage("4 problems:\n"
                        + "  - --signal.periods-per-year must be a number > 0, got 0.0\n"
                        + "  - --signal.disb.threshold must be in [0, 1), got 1.0\n"
                        + "  - --signal.cancels.window must be a whole number >= 2, got 1\n"
                        + "  - --signal.cancels.k must be a number >= 0, got -2.0");
    }

    @Test
    void emptyOptionalNumbersAreUnsetAndValuesAreTrimmed() {
        var s = SignalKeys.settings(Map.of("signal.periods-per-year", "", "signal.cancels.threshold", "",
                "signal.disb.threshold", " 0.25 ", "signal.levels-trend.theta", "1e-3"), PERIODS);
        assertThat(s.periodsPerYear).isNaN();
        assertThat(s.cancelThreshold).isNaN();
        assertThat(s.disbThreshold).isEqualTo(0.25);
        assertThat(s.trendTheta).isEqualTo(0.001);
        assertThat(SignalKeys.strategyNames(s)).isEqualTo("disb,levels,levels_trend,cancels,levels_cancels");
    }
}
