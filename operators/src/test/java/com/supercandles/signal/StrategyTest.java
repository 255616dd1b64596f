package com.supercandles.signal;

import com.supercandles.candle.Period;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The strategies as data: every rule has a strategy, every strategy its names and defaults once. */
class StrategyTest {
    /** The concrete classes that may implement {@code type}, through its sealed subtypes. */
    private static void concrete(Class<?> type, Set<String> into) {
        if (!Modifier.isAbstract(type.getModifiers()) && !type.isInterface()) {
            into.add(type.getName());
        }
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                concrete(sub, into);
            }
        }
    }

    @Test
    void everyPositionRuleIsBuiltByAStrategy() {
        Set<String> rules = new TreeSet<>();
        concrete(PositionRule.class, rules);
        assertThat(rules).hasSize(5);
        SignalSettings settings = new SignalSettings();
        Set<String> built = new TreeSet<>();
        for (Strategy s : Strategy.values()) {
            built.add(s.rule(settings).getClass().getName());
        }
        assertThat(built).as("the rules the strategies build").isEqualTo(rules);
    }

    @Test
    void strategiesBuildTheirRulesWithTheirSettings() {
        SignalSettings s = new SignalSettings();
        s.disbThreshold = 0.3;
        s.maxHold = 7;
        assertThat(Strategy.DISB.rule(s)).isEqualTo(new DisbRule(0.3));
        assertThat(Strategy.CANCELS.rule(s)).isEqualTo(new CancelsRule(7));
        assertThat(Strategy.LEVELS.rule(s)).isInstanceOf(LevelsRule.class);
        assertThat(Strategy.LEVELS_TREND.rule(s)).isInstanceOf(LevelsTrendRule.class);
        assertThat(Strategy.LEVELS_CANCELS.rule(s)).isInstanceOf(LevelsCancelsRule.class);
    }

    /** Names, order and defaults as the contract has them (the records and the configuration keys depend on them). */
    @Test
    void namesAndDefaultsAreTheContracts() {
        assertThat(Strategy.names(",")).isEqualTo("disb,levels,levels_trend,cancels,levels_cancels");
        for (Strategy s : Strategy.values()) {
            assertThat(Strategy.fromWire(s.wireName)).isSameAs(s);
            String prefix = "signal." + s.wireName.replace('_', '-') + ".";
            assertThat(s.settings()).allSatisfy(n -> assertThat(n.key).startsWith(prefix));
        }
        assertThat(Strategy.fromWire("momentum")).isNull();
        List<String> keys = new ArrayList<>();
        for (SignalSetting n : SignalSettings.numbers()) {
            keys.add(n.key + "=" + n.defaultValue);
        }
        assertThat(keys).containsExactly("signal.commission-bps=1.5", "signal.periods-per-year=",
                "signal.disb.threshold=0.5", "signal.levels-trend.bars=100", "signal.levels-trend.theta=0.0001",
                "signal.cancels.window=100", "signal.cancels.k=3", "signal.cancels.max-hold=12",
                "signal.cancels.threshold=");
        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
        SignalSettings d = new SignalSettings();
        assertThat(d.strategies).containsExactly(Strategy.values());
        assertThat(d.commissionBps).isEqualTo(1.5);
        assertThat(d.periodsPerYear).isNaN();
        assertThat(d.disbThreshold).isEqualTo(0.5);
        assertThat(d.trendBars).isEqualTo(100);
        assertThat(d.trendTheta).isEqualTo(1e-4);
        assertThat(d.cancelWindow).isEqualTo(100);
        assertThat(d.cancelK).isEqualTo(3);
        assertThat(d.maxHold).isEqualTo(12);
        assertThat(d.cancelThreshold).isNaN();
        assertThat(d.problems(List.of(Period.parse("1m")))).isEmpty();
    }

    @Test
    void eachNumberSaysWhatIsWrongWithIt() {
        SignalSettings s = new SignalSettings();
        s.strategies = List.of();
        s.commissionBps = -1;
        s.disbThreshold = 1;
        s.trendBars = 1;
        s.cancelThreshold = Double.POSITIVE_INFINITY;
        assertThat(s.problems(List.of(Period.parse("1m")))).containsExactly(
                "signal.strategies: name at least one of disb, levels, levels_trend, cancels, levels_cancels (or none to"
                        + " turn the signals off)",
                "signal.commission-bps must be a number >= 0, got -1.0",
                "signal.disb.threshold must be in [0, 1), got 1.0",
                "signal.levels-trend.bars must be a whole number >= 2, got 1",
                "signal.cancels.threshold must be a number >= 0 (or empty for mean + k std), got Infinity");
    }
}
