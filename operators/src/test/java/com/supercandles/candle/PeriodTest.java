package com.supercandles.candle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTest {
    @Test
    void parsesUnitsAndNormalisesTheLabel() {
        assertThat(Period.parse("30s").millis()).isEqualTo(30_000);
        assertThat(Period.parse("5m").millis()).isEqualTo(300_000);
        assertThat(Period.parse("1h").millis()).isEqualTo(3_600_000);
        assertThat(Period.parse("1d").millis()).isEqualTo(86_400_000);
        assertThat(Period.parse("1s").toString()).isEqualTo("1s");
        assertThat(Period.parse("60s").toString()).isEqualTo("1m");
        assertThat(Period.parse("90s").toString()).isEqualTo("90s");
        assertThat(Period.parse("120m").toString()).isEqualTo("2h");
        assertThat(Period.parse("24h").toString()).isEqualTo("1d");
    }

    @Test
    void rejectsWhatIsNotAPeriodFrom1sTo1d() {
        for (String bad : new String[] {"", "5", "m", "5 min", "0s", "-1m", "2d", "1.5m", "86401s"}) {
            assertThatThrownBy(() -> Period.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("period");
        }
    }

    @Test
    void anEmptyItemOrListIsRefusedWithWhatToWrite() {
        for (String bad : new String[] {",", "1m,,5m", "1m,", ",1m", " , "}) {
            assertThatThrownBy(() -> Period.parseList(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the period list '" + bad + "' has an empty item: write periods separated by single"
                            + " commas, e.g. 1m,5m,1h");
        }
        assertThatThrownBy(() -> Period.parseList("  ")).hasMessageStartingWith("no period given");
    }

    @Test
    void everyWrongItemOfAListIsNamedOnItsOwnLine() {
        assertThatThrownBy(() -> Period.parseList("1m,7x,,5q"))
                .hasMessage("period '7x' is not valid: write a whole number and a unit s, m, h or d, e.g. 30s, 1m, 5m, 1h, 1d"
                        + "\n  - the period list '1m,7x,,5q' has an empty item: write periods separated by single commas,"
                        + " e.g. 1m,5m,1h"
                        + "\n  - period '5q' is not valid: write a whole number and a unit s, m, h or d, e.g. 30s, 1m, 5m,"
                        + " 1h, 1d");
    }

    @Test
    void aUnitSpeltOutGetsTheLetterMeant() {
        String[][] cases = {{"5min", "5m"}, {"5 minutes", "5m"}, {"1hour", "1h"}, {"1H", "1h"}, {"30 sec", "30s"},
            {"2days", "2d"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> Period.parse(c[0])).as(c[0]).hasMessageEndingWith("; did you mean " + c[1] + "?");
        }
        for (String far : new String[] {"7x", "5 fortnights", "m5"}) {
            assertThatThrownBy(() -> Period.parse(far)).as(far).message().doesNotContain("did you mean");
        }
    }

    @Test
    void listsAreSortedWithoutDuplicates() {
        assertThat(Period.parseList("1h,5m,1m,300s").toString()).isEqualTo("[1m, 5m, 1h]");
    }

    @Test
    void windowsAreAlignedToTheEpoch() {
        Period fiveMinutes = Period.parse("5m");
        long ts = 1430438404645L; // 2015-05-01T00:00:04.645Z
        assertThat(fiveMinutes.windowStart(ts)).isEqualTo(1430438400000L);
        assertThat(fiveMinutes.windowStart(1430438700000L)).isEqualTo(1430438700000L); // ts == end: next window
        assertThat(Period.parse("1d").windowStart(ts)).isEqualTo(1430438400000L); // 00:00 UTC
    }
}
