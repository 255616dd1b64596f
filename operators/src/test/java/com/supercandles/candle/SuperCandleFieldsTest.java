package com.supercandles.candle;

import com.supercandles.output.Outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;
import com.supercandles.instrument.InstrumentSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SuperCandleFieldsTest {

    /**
     * The field names as the contract writes them: backticked names in the first column of
     * supercandles.md's tables, then those of extended.md's "Provenance" table.
     */
    static List<String> specFieldNames() throws Exception {
        List<String> names = supercandlesFieldNames();
        names.addAll(provenanceFieldNames());
        return names;
    }

    /** The first column of the table under extended.md's "## Provenance" heading. */
    static List<String> provenanceFieldNames() throws Exception {
        Path spec = Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "spec", "extended.md");
        List<String> names = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(spec)) {
            if (line.startsWith("## ")) {
                inSection = line.trim().equals("## Provenance");
            } else if (inSection && line.startsWith("| `")) {
                names.add(line.substring(line.indexOf('`') + 1, line.indexOf('`', line.indexOf('`') + 1)));
            }
        }
        return names;
    }

    private static List<String> supercandlesFieldNames() throws Exception {
        Path spec = Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "spec", "supercandles.md");
        List<String> names = new ArrayList<>(List.of("symbol", "period", "window_start", "window_end"));
        List<String> putNames = new ArrayList<>();
        Pattern name = Pattern.compile("`([a-z0-9_*]+)`");
        for (String line : Files.readAllLines(spec)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String firstColumn = line.substring(1, line.indexOf('|', 1));
            Matcher m = name.matcher(firstColumn);
            while (m.find()) {
                String n = m.group(1);
                if (n.equals("cancel_*")) {
                    for (String put : putNames) {
                        names.add(put.replaceFirst("^put_", "cancel_"));
                    }
                } else {
                    names.add(n);
                    if (n.startsWith("put_")) {
                        putNames.add(n);
                    }
                }
            }
        }
        // book_snapshots is named in the prose, not in a table.
        int spreadBbo = names.indexOf("spread_bbo");
        names.add(spreadBbo, "book_snapshots");
        return names;
    }

    @Test
    void fieldNamesAndOrderAreExactlyTheSpecs() throws Exception {
        List<String> ours = new ArrayList<>();
        for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
            ours.add(f.name());
        }
        List<String> spec = specFieldNames();
        assertThat(provenanceFieldNames()).containsExactly("gap", "orders_source");
        assertThat(spec).hasSize(65);
        assertThat(ours).containsExactlyElementsOf(spec);
    }

    @Test
    void jsonHasEveryFieldNullsAsNullAndDoublesAtFullPrecision() throws Exception {
        double price = 0.1 + 0.2; // 0.30000000000000004: must not be rounded
        SuperCandleAccumulator acc = new SuperCandleAccumulator();
        acc.add(MarketEvent.trade("X", 5, "1", price, 1.0 / 3, Side.B), InstrumentSpec.DEFAULT);
        SuperCandle c = acc.toCandle("X", Period.parse("1m"), 0, InstrumentSpec.DEFAULT);

        JsonNode json = new ObjectMapper().readTree(Outputs.CANDLES.toJson(c));
        Set<String> keys = new LinkedHashSet<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertThat(keys).containsExactlyElementsOf(specFieldNames());
        assertThat(json.get("pr_open").doubleValue()).isEqualTo(price);
        assertThat(json.get("vol").doubleValue()).isEqualTo(1.0 / 3);
        assertThat(json.get("pr_vwap_s").isNull()).isTrue();
        assertThat(json.get("spread_bbo").isNull()).isTrue();
        assertThat(json.get("put_vol").isNumber()).isTrue();
        assertThat(json.get("trades").isIntegralNumber()).isTrue();
        assertThat(json.get("period").textValue()).isEqualTo("1m");
        assertThat(json.get("gap").isBoolean()).isTrue();
        assertThat(json.get("gap").booleanValue()).isFalse();
        assertThat(json.get("orders_source").isNull()).isTrue(); // no order event in the window
    }

    /** orders_source per extended.md: log, derived, null without orders; a window holding both is derived. */
    @Test
    void ordersSourceSaysWhereTheOrderFiguresComeFrom() throws Exception {
        MarketEvent log = MarketEvent.order("X", 1, "1", OrderAction.PUT, Side.B, 10, 1);
        MarketEvent derived = MarketEvent.order("X", 2, "2", OrderAction.CANCEL, Side.S, 11, 1);
        derived.derived = true;
        assertThat(sourceOf(log)).isEqualTo("log");
        assertThat(sourceOf(derived)).isEqualTo("derived");
        assertThat(sourceOf(log, derived)).isEqualTo("derived");
        assertThat(sourceOf(MarketEvent.trade("X", 3, "7", 10, 1, Side.B))).isNull();

        SuperCandleAccumulator logOnly = new SuperCandleAccumulator();
        logOnly.add(log, InstrumentSpec.DEFAULT);
        SuperCandleAccumulator derivedOnly = new SuperCandleAccumulator();
        derivedOnly.add(derived, InstrumentSpec.DEFAULT);
        logOnly.merge(derivedOnly); // partials of one window from two subtasks
        assertThat(logOnly.toCandle("X", Period.parse("1m"), 0, InstrumentSpec.DEFAULT).ordersSource).isEqualTo("derived");
        JsonNode json = new ObjectMapper().readTree(Outputs.CANDLES.toJson(
                logOnly.toCandle("X", Period.parse("1m"), 0, InstrumentSpec.DEFAULT)));
        assertThat(json.get("orders_source").textValue()).isEqualTo("derived");
    }

    private static String sourceOf(MarketEvent... events) {
        SuperCandleAccumulator acc = new SuperCandleAccumulator();
        for (MarketEvent e : events) {
            acc.add(e, InstrumentSpec.DEFAULT);
        }
        return acc.toCandle("X", Period.parse("1m"), 0, InstrumentSpec.DEFAULT).ordersSource;
    }
}
