package com.supercandles.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventParserTest {
    private final EventParser parser = new EventParser();

    private static final String TRADE =
            "{\"type\":\"trade\",\"symbol\":\"BTCUSD\",\"ts\":1430438404645,\"trade_id\":\"8111041\",\"price\":236.47,\"qty\":0.21144331,\"side\":\"S\"}";
    private static final String ORDER =
            "{\"type\":\"order\",\"symbol\":\"BTCUSD\",\"ts\":1430438405647,\"order_id\":\"65595181\",\"action\":\"cancel\",\"side\":\"B\",\"price\":236.08,\"qty\":2.0}";
    private static final String BOOK =
            "{\"type\":\"book\",\"symbol\":\"BTCUSD\",\"ts\":1430438405885,\"bids\":[[236.47,1.78855669],[236.2,0.11168501]],\"asks\":[[236.64,3.7952],[236.65,23.84239943]]}";

    @Test
    void parsesTheSpecExamples() throws Exception {
        MarketEvent t = parser.parseEvent(TRADE);
        assertThat(t.type).isEqualTo(EventType.TRADE);
        assertThat(t.symbol).isEqualTo("BTCUSD");
        assertThat(t.ts).isEqualTo(1430438404645L);
        assertThat(t.id()).isEqualTo("8111041");
        assertThat(t.price).isEqualTo(236.47);
        assertThat(t.qty).isEqualTo(0.21144331);
        assertThat(t.side).isEqualTo(Side.S);

        MarketEvent o = parser.parseEvent(ORDER);
        assertThat(o.type).isEqualTo(EventType.ORDER);
        assertThat(o.action).isEqualTo(OrderAction.CANCEL);
        assertThat(o.side).isEqualTo(Side.B);
        assertThat(o.id()).isEqualTo("65595181");

        MarketEvent b = parser.parseEvent(BOOK);
        assertThat(b.type).isEqualTo(EventType.BOOK);
        assertThat(b.bidPrices).containsExactly(236.47, 236.2);
        assertThat(b.bidQtys).containsExactly(1.78855669, 0.11168501);
        assertThat(b.askPrices).containsExactly(236.64, 236.65);
        assertThat(b.askQtys).containsExactly(3.7952, 23.84239943);
    }

    @Test
    void canonicalJsonReadsBackToTheSameEvent() throws Exception {
        for (String json : new String[] {TRADE, ORDER, BOOK}) {
            MarketEvent e = parser.parseEvent(json);
            assertThat(parser.parseEvent(EventJson.toJson(e))).isEqualTo(e);
        }
    }

    @Test
    void ignoresUnknownFieldsAndAcceptsIntegerIdsAndEmptyBookSides() throws Exception {
        MarketEvent t = parser.parseEvent("{\"type\":\"trade\",\"extra\":{\"a\":[1,2,{}]},\"symbol\":\"X\",\"ts\":1430438404645,"
                + "\"trade_id\":17,\"price\":1,\"qty\":2,\"side\":\"B\",\"more\":null}");
        assertThat(t.id()).isEqualTo("17");
        assertThat(t.price).isEqualTo(1.0);

        MarketEvent b = parser.parseEvent("{\"type\":\"book\",\"symbol\":\"X\",\"ts\":1430438404645,\"bids\":[],\"asks\":[[1.5,2]]}");
        assertThat(b.bidLevels()).isZero();
        assertThat(b.askLevels()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not JSON                     | {"type":"trade",                                                                                                   | not valid JSON
        not an object                | [1,2,3]                                                                                                            | not a JSON object
        trailing content             | {"type":"trade"} x                                                                                                 | not valid JSON
        two objects                  | {"type":"trade","symbol":"X","ts":1430438404645,"trade_id":"1","price":1,"qty":1,"side":"B"}{}                    | trailing content
        missing type                 | {"symbol":"X","ts":1430438404645}                                                                                  | missing required field 'type'
        unknown type                 | {"type":"quote","symbol":"X","ts":1430438404645}                                                                   | unknown type 'quote'
        missing symbol               | {"type":"trade","ts":1430438404645,"trade_id":"1","price":1,"qty":1,"side":"B"}                                   | missing required field 'symbol'
        empty symbol                 | {"type":"trade","symbol":"","ts":1430438404645,"trade_id":"1","price":1,"qty":1,"side":"B"}                       | non-empty
        symbol not a string          | {"type":"trade","symbol":5,"ts":1430438404645,"trade_id":"1","price":1,"qty":1,"side":"B"}                        | 'symbol' must be a string
        missing ts                   | {"type":"trade","symbol":"X","trade_id":"1","price":1,"qty":1,"side":"B"}                                         | missing required field 'ts'
        ts in seconds                | {"type":"trade","symbol":"X","ts":1430438404,"trade_id":"1","price":1,"qty":1,"side":"B"}                         | outside the plausible range
        ts far in the future         | {"type":"trade","symbol":"X","ts":4102444800000,"trade_id":"1","price":1,"qty":1,"side":"B"}                      | outside the plausible range
        ts with a fraction           | {"type":"trade","symbol":"X","ts":1430438404645.5,"trade_id":"1","price":1,"qty":1,"side":"B"}                    | 'ts' must be an integer
        ts beyond a long             | {"type":"trade","symbol":"X","ts":99999999999999999999999,"trade_id":"1","price":1,"qty":1,"side":"B"}            | number out of range
        missing trade_id             | {"type":"trade","symbol":"X","ts":1430438404645,"price":1,"qty":1,"side":"B"}                                     | missing required field 'trade_id'
        missing price                | {"type":"trade","symbol":"X","ts":1430438404645,"trade_id":"1","qty":1,"side":"B"}                                | missing required field 'price'
        price as string              | {"type":"trade","symbol":"X","ts":1430438404645,"trade_id":"1","price":"1.5","qty":1,"side":"B"}                  | 'price' must be a number
        zero price                   | {"type":"trade","symbol":"X","ts":1430438404645,"trade_id":"1","price":0,"qty":1,"side":"B"}                      | 'price' must be a finite number > 0
        negative qty                 | {"type":"trade","symbol":"X","ts":1430438404645,"trade_id":"1","price":1,"qty":-2,"side":"B"}                     | 'qty' must be a finite number > 0
        infinite price               | {"type":"trade","symbol":"X","ts":1430438404645,"trade_id":"1","price":1e400,"qty":1,"side":"B"}                  | 'price' must be a finite number > 0
        overflowing value            | {"type":"trade","symbol":"X","ts":1430438404645,"trade_id":"1","price":1e200,"qty":1e200,"side":"B"}              | overflows
        missing side                 | {"type":"trade","symbol":"X","ts":1430438404645,"trade_id":"1","price":1,"qty":1}                                 | missing required field 'side'
        unknown side                 | {"type":"trade","symbol":"X","ts":1430438404645,"trade_id":"1","price":1,"qty":1,"side":"buy"}                    | unknown side 'buy'
        missing order_id             | {"type":"order","symbol":"X","ts":1430438404645,"action":"put","price":1,"qty":1,"side":"B"}                      | missing required field 'order_id'
        missing action               | {"type":"order","symbol":"X","ts":1430438404645,"order_id":"1","price":1,"qty":1,"side":"B"}                      | missing required field 'action'
        unknown action               | {"type":"order","symbol":"X","ts":1430438404645,"order_id":"1","action":"modify","price":1,"qty":1,"side":"B"}    | unknown action 'modify'
        missing bids                 | {"type":"book","symbol":"X","ts":1430438404645,"asks":[]}                                                          | missing required field 'bids'
        bids not an array            | {"type":"book","symbol":"X","ts":1430438404645,"bids":{},"asks":[]}                                                | 'bids' must be an array
        level not a pair             | {"type":"book","symbol":"X","ts":1430438404645,"bids":[[1,2,3]],"asks":[]}                                         | bids level 1 must have exactly two numbers
        level not numbers            | {"type":"book","symbol":"X","ts":1430438404645,"bids":[["1",2]],"asks":[]}                                         | bids level 1 must be [price, qty] numbers
        level with zero qty          | {"type":"book","symbol":"X","ts":1430438404645,"bids":[[1,0]],"asks":[]}                                          | bids level 1 needs finite price and qty > 0
        unsorted bids                | {"type":"book","symbol":"X","ts":1430438404645,"bids":[[1,1],[2,1]],"asks":[]}                                     | unsorted book: bids must be strictly descending
        unsorted asks                | {"type":"book","symbol":"X","ts":1430438404645,"bids":[],"asks":[[3,1],[2,1]]}                                     | unsorted book: asks must be strictly ascending
        duplicate level              | {"type":"book","symbol":"X","ts":1430438404645,"bids":[],"asks":[[3,1],[3,1]]}                                     | unsorted book
        crossed book                 | {"type":"book","symbol":"X","ts":1430438404645,"bids":[[2,1]],"asks":[[1.5,1]]}                                    | crossed book: best bid 2.0 >= best ask 1.5
        locked book                  | {"type":"book","symbol":"X","ts":1430438404645,"bids":[[2,1]],"asks":[[2,1]]}                                      | crossed book
        """)
    void rejectsWithAReason(String caseName, String payload, String expectedReason) {
        ParsedRecord r = parser.parse("trades", payload);
        assertThat(r.isValid()).as(caseName).isFalse();
        assertThat(r.rejection.reason).as(caseName).contains(expectedReason);
        assertThat(r.rejection.payload).isEqualTo(payload);
        assertThat(r.rejection.stream).isEqualTo("trades");
        assertThat(r.rejection.kind).isEqualTo(DeadLetter.INVALID);

        ParsedRecord fromBytes = parser.parse("trades", payload.getBytes(StandardCharsets.UTF_8));
        assertThat(fromBytes.isValid()).isFalse();
        assertThat(fromBytes.rejection.reason).isEqualTo(r.rejection.reason);
    }

    @Test
    void rejectsEmptyAndBinaryPayloads() {
        assertThat(parser.parse("book", (String) null).rejection.reason).contains("empty record");
        assertThat(parser.parse("book", "").rejection.reason).contains("not a JSON object");
        ParsedRecord binary = parser.parse("book", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThat(binary.isValid()).isFalse();
        assertThat(binary.rejection.reason).isNotBlank();
    }

    private static String tradeWith(String symbol, String tradeId) {
        return "{\"type\":\"trade\",\"symbol\":\"" + symbol + "\",\"ts\":1430438404645,\"trade_id\":\"" + tradeId
                + "\",\"price\":1,\"qty\":1,\"side\":\"B\"}";
    }

    /** Both ways in (text and bytes) give the same verdict; returns the rejection reason, or null when valid. */
    private String verdict(String payload) {
        ParsedRecord fromText = parser.parse("trades", payload);
        ParsedRecord fromBytes = parser.parse("trades", payload.getBytes(StandardCharsets.UTF_8));
        assertThat(fromBytes.isValid()).isEqualTo(fromText.isValid());
        if (fromText.isValid()) {
            assertThat(fromBytes.event).isEqualTo(fromText.event);
            return null;
        }
        assertThat(fromBytes.rejection.reason).isEqualTo(fromText.rejection.reason);
        return fromText.rejection.reason;
    }

    @Test
    void symbolsAreAtMost64BytesOfUtf8WithoutControlCharactersOrSpaces() {
        assertThat(verdict(tradeWith("S".repeat(64), "1"))).isNull();
        assertThat(verdict(tradeWith("S".repeat(65), "1"))).contains("'symbol' is 65 bytes long (UTF-8), at most 64");
        // 32 two-byte characters are 64 bytes; 33 are 66, though only 33 characters
        assertThat(verdict(tradeWith("\u00e9".repeat(32), "1"))).isNull();
        assertThat(verdict(tradeWith("\u00e9".repeat(33), "1"))).contains("66 bytes");
        assertThat(verdict(tradeWith("\ud83d\ude00".repeat(16), "1"))).isNull(); // 16 emoji, 4 bytes each
        assertThat(verdict(tradeWith("\ud83d\ude00".repeat(17), "1"))).contains("68 bytes");
        assertThat(verdict(tradeWith("BTC USD", "1"))).contains("must not contain control characters or spaces")
                .contains("U+0020 at position 3");
        assertThat(verdict(tradeWith("BTC\\tUSD", "1"))).contains("U+0009");
        assertThat(verdict(tradeWith("BTC\\u0001", "1"))).contains("U+0001");
        assertThat(verdict(tradeWith("BTC\u00a0USD", "1"))).contains("U+00A0");
        assertThat(verdict(tradeWith("BTC\u3000", "1"))).contains("U+3000");
        assertThat(verdict(tradeWith("BTC-USDT-PERP", "1"))).isNull();
    }

    @Test
    void aHostileSymbolIsRejectedWithAShortReason() {
        String reason = verdict(tradeWith("X".repeat(10_000), "1"));
        assertThat(reason).contains("10000 bytes long").contains("(10000 characters)");
        assertThat(reason.length()).isLessThan(250);
        String typeReason = verdict("{\"type\":\"" + "q".repeat(50_000) + "\",\"symbol\":\"X\",\"ts\":1430438404645}");
        assertThat(typeReason).startsWith("unknown type 'qqq").hasSizeLessThan(250);
    }

    @Test
    void idsAreAtMost64Bytes() {
        assertThat(verdict(tradeWith("X", "7".repeat(64)))).isNull();
        assertThat(verdict(tradeWith("X", "7".repeat(65)))).contains("'trade_id' is 65 bytes long");
        String order = "{\"type\":\"order\",\"symbol\":\"X\",\"ts\":1430438404645,\"order_id\":\"%s\",\"action\":\"put\","
                + "\"side\":\"B\",\"price\":1,\"qty\":1}";
        assertThat(verdict(String.format(order, "o".repeat(64)))).isNull();
        assertThat(verdict(String.format(order, "o".repeat(65)))).contains("'order_id' is 65 bytes long");
        assertThat(verdict(String.format(order, "\u00f6".repeat(33)))).contains("'order_id' is 66 bytes long");
    }

    @Test
    void aRecordOver1MiBIsRejectedKeepingABoundedPrefix() {
        String head = "{\"type\":\"trade\",\"symbol\":\"X\",\"ts\":1430438404645,\"trade_id\":\"1\",\"price\":1,\"qty\":1,"
                + "\"side\":\"B\",\"pad\":\"";
        String exactly1MiB = head + "p".repeat((1 << 20) - head.length() - 2) + "\"}";
        assertThat(exactly1MiB.getBytes(StandardCharsets.UTF_8)).hasSize(1 << 20);
        assertThat(verdict(exactly1MiB)).isNull();

        String oneByteMore = head + "p".repeat((1 << 20) - head.length() - 1) + "\"}";
        ParsedRecord r = parser.parse("trades", oneByteMore);
        assertThat(r.isValid()).isFalse();
        assertThat(r.rejection.reason).isEqualTo("record too large: 1048577 bytes, at most 1048576 (1 MiB) are "
                + "accepted; the payload keeps its first 4096 bytes");
        assertThat(r.rejection.payload).isEqualTo(oneByteMore.substring(0, 4096));
        assertThat(verdict(oneByteMore)).isEqualTo(r.rejection.reason);
    }

    @Test
    void aRejectedRecordKeepsItsSymbolWhenItHasAValidOneAndItsStreamsTime() {
        StreamWatermark partition = new StreamWatermark(java.time.Duration.ofSeconds(5));
        ParsedRecord before = partition.stamp(parser.parse("trades", TRADE.replace("236.47", "\"x\"")));
        assertThat(before.rejection.symbol).isEqualTo("BTCUSD");
        assertThat(before.rejection.streamTime).isEqualTo(Long.MIN_VALUE); // nothing valid seen yet
        partition.stamp(parser.parse("trades", TRADE));
        partition.stamp(parser.parse("trades", TRADE.replace("1430438404645", "1430438400000"))); // older
        for (String bad : new String[] {
                TRADE.replace("\"side\":\"S\"", "\"side\":\"Q\""),           // bad side, after the symbol
                "{\"price\":\"x\", \"symbol\" : \"BTCUSD\"",                  // broken JSON, symbol after the error
                TRADE.replace("BTCUSD", "BTC USD"),                           // a symbol the contract refuses
                "{\"type\":\"trade\",\"symbol\":12}",                           // no string symbol
                "not json at all"}) {
            ParsedRecord r = partition.stamp(parser.parse("trades", bad));
            assertThat(r.isValid()).as(bad).isFalse();
            assertThat(r.rejection.streamTime).as(bad).isEqualTo(1430438404645L); // the partition's newest ts
        }
        assertThat(parser.parse("trades", TRADE.replace("\"side\":\"S\"", "\"side\":\"Q\"")).rejection.symbol)
                .isEqualTo("BTCUSD");
        assertThat(parser.parse("trades", "{\"price\":\"x\", \"symbol\" : \"BTCUSD\"").rejection.symbol)
                .isEqualTo("BTCUSD");
        assertThat(parser.parse("trades", TRADE.replace("BTCUSD", "BTC USD")).rejection.symbol).isNull();
        assertThat(parser.parse("trades", "{\"type\":\"trade\",\"symbol\":12}").rejection.symbol).isNull();
        assertThat(parser.parse("trades", "not json at all").rejection.symbol).isNull();
    }
}
