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
        assertThat(t.id).isEqualTo("8111041");
        assertThat(t.price).isEqualTo(236.47);
        assertThat(t.qty).isEqualTo(0.21144331);
        assertThat(t.side).isEqualTo(Side.S);

        MarketEvent o = parser.parseEvent(ORDER);
        assertThat(o.type).isEqualTo(EventType.ORDER);
        assertThat(o.action).isEqualTo(OrderAction.CANCEL);
        assertThat(o.side).isEqualTo(Side.B);
        assertThat(o.id).isEqualTo("65595181");

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
        assertThat(t.id).isEqualTo("17");
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
}
