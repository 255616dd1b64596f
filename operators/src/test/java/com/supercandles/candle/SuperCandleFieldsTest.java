package com.supercandles.candle;

import com.supercandles.output.Outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.event.MarketEvent;
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

    /** The field names as the contract writes them: backticked names in its tables' first column. */
    static List<String> specFieldNames() throws Exception {
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
        assertThat(spec).hasSize(63);
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
    }
}
