package com.supercandles.jobs.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The edit distance against values worked out by hand, and the "near" rule at its edges. */
class NearMissTest {

    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndNeighbourSwaps() {
        assertThat(NearMiss.distance("", "")).isZero();
        assertThat(NearMiss.distance("", "abc")).isEqualTo(3); // three insertions
        assertThat(NearMiss.distance("abc", "abc")).isZero();
        assertThat(NearMiss.distance("kitten", "sitting")).isEqualTo(3); // k->s, e->i, +g
        assertThat(NearMiss.distance("saturday", "sunday")).isEqualTo(3); // -a, -t, r->n
        assertThat(NearMiss.distance("flaw", "lawn")).isEqualTo(2); // -f, +n
        assertThat(NearMiss.distance("ca", "ac")).isEqualTo(1); // one swap, not two substitutions
        assertThat(NearMiss.distance("ture", "true")).isEqualTo(1);
        // optimal string alignment edits no substring twice: ca -> abc is 3 (unrestricted Damerau would say 2)
        assertThat(NearMiss.distance("ca", "abc")).isEqualTo(3);
        assertThat(NearMiss.distance("perod", "period")).isEqualTo(1);
        assertThat(NearMiss.distance("bootstrap.server", "bootstrap.servers")).isEqualTo(1);
        assertThat(NearMiss.distance("Abc", "abc")).isEqualTo(1); // case counts here; nearest() ignores it
    }

    @Test
    void nearMeansAtMostAThirdOfTheLongerWordAndAtMostTwo() {
        // 5 letters allow 1 edit, 6 allow 2
        assertThat(NearMiss.nearest("stile", List.of("stale"))).containsExactly("stale");
        assertThat(NearMiss.nearest("stilt", List.of("stale"))).isEmpty();
        assertThat(NearMiss.nearest("perd", List.of("period"))).containsExactly("period");
        // long words still allow no more than 2
        assertThat(NearMiss.nearest("bootstrap.serverzzz", List.of("bootstrap.servers"))).isEmpty();
        // one- and two-letter words are one edit from each other: near nothing
        assertThat(NearMiss.nearest("s", List.of("m", "h"))).isEmpty();
        assertThat(NearMiss.nearest("True", List.of("true", "false"))).containsExactly("true");
        assertThat(NearMiss.nearest("momentum", List.of("disb", "levels", "levels_trend", "cancels",
                "levels_cancels", "none"))).isEmpty();
    }

    @Test
    void theNearestWinAndTiesAreAllNamed() {
        assertThat(NearMiss.nearest("put_rate_1", List.of("put_rate_1s", "put_rate_5s", "put_rate_1m")))
                .containsExactly("put_rate_1s", "put_rate_1m");
        assertThat(NearMiss.nearest("put_rate_5", List.of("put_rate_1s", "put_rate_5s", "put_rate_1m")))
                .containsExactly("put_rate_5s");
        assertThat(NearMiss.didYouMean(List.of("a", "b"))).isEqualTo("; did you mean a or b?");
        assertThat(NearMiss.didYouMean(List.of())).isEmpty();
    }

    @Test
    void anAbbreviationOfExactlyOneWordIsNearIt() {
        List<String> severities = List.of("info", "warning", "critical");
        assertThat(NearMiss.nearest("warn", severities)).containsExactly("warning");
        assertThat(NearMiss.nearest("crit", severities)).containsExactly("critical");
        assertThat(NearMiss.nearest("lev", List.of("levels", "levels_trend"))).isEmpty(); // two begin so
        assertThat(NearMiss.nearest("in", severities)).isEmpty(); // too short to say
    }

    @Test
    void aKeyIsNearAKnownKeyOrAKnownFamilyOfKeys() {
        List<String> keys = List.of("bootstrap.servers", "periods", "topic.book");
        List<String> families = List.of("kafka.", "watchdog.", "alert.");
        assertThat(NearMiss.nearestKey("bootstrap.server", keys, families)).containsExactly("bootstrap.servers");
        assertThat(NearMiss.nearestKey("watchdogs.latency.threshold", keys, families))
                .containsExactly("watchdog.latency.threshold");
        assertThat(NearMiss.nearestKey("alert.webhok.desk.url", List.of(), List.of("alert.webhook.", "alert.telegram.")))
                .containsExactly("alert.webhook.desk.url");
        assertThat(NearMiss.nearestKey("foo.bar", keys, families)).isEmpty();
        assertThat(NearMiss.nearestKey("watchdog.latency.threshold", keys, families)).isEmpty(); // is a family's
    }

    @Test
    void aValueOutsideItsChoicesIsNamedWithThemAndTheNearOne() {
        assertThat(NearMiss.notOneOf("bounded", "true", List.of("true", "false"))).isNull();
        assertThat(NearMiss.notOneOf("startup.offsets", "latets", List.of("committed", "earliest", "latest")))
                .isEqualTo("startup.offsets must be committed, earliest or latest, got 'latets'; did you mean latest?");
        assertThat(NearMiss.notOneOf("bounded", "yes", List.of("true", "false")))
                .isEqualTo("bounded must be true or false, got 'yes'");
    }
}
