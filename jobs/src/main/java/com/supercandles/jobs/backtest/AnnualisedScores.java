package com.supercandles.jobs.backtest;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether a sample is long enough for the annualised scores (CAGR, the Sharpe and Sortino family) to
 * mean anything. They scale the sample to a year of bars: CAGR raises the equity to the power of the
 * year's bars over the sample's (305 one-minute bars: to the power 1,723, so a 9 % loss reads -100 %), the ratios multiply
 * the per-bar figure by sqrt(bars per year). Under a week that extrapolates one stretch of market, not
 * a rate, so the report shows "-" and says why.
 */
final class AnnualisedScores {
    /** A week: the shortest sample that spans every weekday and a weekend, i.e. more than one market mood. */
    static final Duration MIN_SPAN = Duration.ofDays(7);

    private AnnualisedScores() {}

    static boolean shown(long spanMillis) {
        return spanMillis >= MIN_SPAN.toMillis();
    }

    static String labels() {
        return StrategySeries.ROWS.stream().filter(StrategySeries.Score::annualised)
                .map(StrategySeries.Score::label).collect(Collectors.joining(", "));
    }

    /** Why the annualised rows of a sample of {@code spanMillis} and {@code bars} bars read "-". */
    static String note(long spanMillis, int bars) {
        return String.format(Locale.ROOT, "%s: shown as \"-\": the sample covers %s, less than the %d days this"
                        + " report needs before it annualises. CAGR raises the sample's growth to the power P / n"
                        + " (P the bars of a year, signal.periods-per-year; n the sample's %,d bars) and the ratios grow"
                        + " by the square root of P, which extrapolates one stretch of market to a year. Total Return,"
                        + " Prob. Sharpe Ratio, Omega, Max Drawdown and Time in Market are figures of the sample itself.",
                labels(), UtcTime.duration(spanMillis), MIN_SPAN.toDays(), bars);
    }
}
