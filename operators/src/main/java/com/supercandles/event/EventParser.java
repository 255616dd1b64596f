package com.supercandles.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Parses and validates one JSON event of the wire contract ({@code shared/spec/events.md}).
 *
 * <p>Never throws on input: whatever the payload, the result is a valid event or a rejection with a
 * reason a person can act on. Uses Jackson's streaming parser (no tree, no reflection) because it
 * runs once per input event.
 */
public final class EventParser implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 2000-01-01T00:00:00Z: anything earlier is taken for a unit mistake (seconds, not millis). */
    public static final long MIN_PLAUSIBLE_TS = 946_684_800_000L;

    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);

    private static final JsonFactory JSON = new JsonFactory();

    private final long maxFutureSkewMs;
    private transient SymbolCache symbols;

    public EventParser() {
        this(DEFAULT_MAX_FUTURE_SKEW);
    }

    /** @param maxFutureSkew how far past the wall clock an event's {@code ts} may lie */
    public EventParser(Duration maxFutureSkew) {
        this.maxFutureSkewMs = maxFutureSkew.toMillis();
    }

    /** Parses a payload received on {@code stream}; never throws. */
    public ParsedRecord parse(String stream, String payload) {
        if (payload == null) {
            return ParsedRecord.rejected(DeadLetter.invalid(stream, "empty record (no value)", null));
        }
        try {
            return ParsedRecord.valid(parseEvent(payload));
        } catch (InvalidEventException e) {
            return ParsedRecord.rejected(DeadLetter.invalid(stream, e.getMessage(), payload));
        }
    }

    /** Parses UTF-8 bytes (a Kafka record value); never throws. */
    public ParsedRecord parse(String stream, byte[] payload) {
        if (payload == null) {
            return ParsedRecord.rejected(DeadLetter.invalid(stream, "empty record (no value)", null));
        }
        return parse(stream, payload, 0, payload.length);
    }

    /** Parses the UTF-8 bytes {@code payload[offset, offset + length)}; never throws. */
    public ParsedRecord parse(String stream, byte[] payload, int offset, int length) {
        try (JsonParser p = JSON.createParser(payload, offset, length)) {
            return ParsedRecord.valid(read(p));
        } catch (InvalidEventException e) {
            String text = new String(payload, offset, length, StandardCharsets.UTF_8);
            return ParsedRecord.rejected(DeadLetter.invalid(stream, e.getMessage(), text));
        } catch (IOException e) {
            String text = new String(payload, offset, length, StandardCharsets.UTF_8);
            return ParsedRecord.rejected(DeadLetter.invalid(stream, describe(e), text));
        }
    }

    /** Parses a payload, throwing {@link InvalidEventException} with the reason when it is not valid. */
    public MarketEvent parseEvent(String payload) throws InvalidEventException {
        try (JsonParser p = JSON.createParser(payload)) {
            return read(p);
        } catch (IOException e) {
            throw new InvalidEventException(describe(e));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof InputCoercionException) {
            return "number out of range: " + firstLine(e.getMessage());
        }
        if (e instanceof InvalidEventException) {
            return e.getMessage();
        }
        if (e instanceof StreamReadException) {
            return "not valid JSON: " + firstLine(((StreamReadException) e).getOriginalMessage());
        }
        return "unreadable record: " + firstLine(e.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private MarketEvent read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidEventException("not a JSON object");
        }
        String type = null;
        String symbol = null;
        String tradeId = null;
        String orderId = null;
        String side = null;
        String action = null;
        long ts = 0;
        boolean hasTs = false;
        double price = Double.NaN;
        double qty = Double.NaN;
        LevelsReader bids = null;
        LevelsReader asks = null;

        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type": type = string(p, value, name); break;
                case "symbol": symbol = symbol(p, value); break;
                case "side": side = string(p, value, name); break;
                case "action": action = string(p, value, name); break;
                case "trade_id": tradeId = identifier(p, value, name); break;
                case "order_id": orderId = identifier(p, value, name); break;
                case "ts":
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw new InvalidEventException("'ts' must be an integer (epoch milliseconds), got " + shown(p, value));
                    }
                    ts = p.getLongValue();
                    hasTs = true;
                    break;
                case "price": price = number(p, value, name); break;
                case "qty": qty = number(p, value, name); break;
                case "bids": bids = LevelsReader.read(p, value, name); break;
                case "asks": asks = LevelsReader.read(p, value, name); break;
                default: p.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new InvalidEventException("not valid JSON: unterminated object");
        }
        if (p.nextToken() != null) {
            throw new InvalidEventException("trailing content after the JSON object");
        }

        if (type == null) {
            throw missing("type");
        }
        EventType eventType = EventType.fromWire(type);
        if (eventType == null) {
            throw new InvalidEventException("unknown type '" + type + "' (expected trade, order or book)");
        }
        if (symbol == null) {
            throw missing("symbol");
        }
        if (symbol.isEmpty()) {
            throw new InvalidEventException("'symbol' must be a non-empty string");
        }
        if (!hasTs) {
            throw missing("ts");
        }
        checkPlausible(ts);

        switch (eventType) {
            case TRADE: {
                if (tradeId == null) {
                    throw missing("trade_id");
                }
                Side aggressor = side(side);
                checkPriceQty(price, qty);
                return MarketEvent.trade(symbol, ts, tradeId, price, qty, aggressor);
            }
            case ORDER: {
                if (orderId == null) {
                    throw missing("order_id");
                }
                if (action == null) {
                    throw missing("action");
                }
                OrderAction orderAction = OrderAction.fromWire(action);
                if (orderAction == null) {
                    throw new InvalidEventException("unknown action '" + action + "' (expected put or cancel)");
                }
                Side orderSide = side(side);
                checkPriceQty(price, qty);
                return MarketEvent.order(symbol, ts, orderId, orderAction, orderSide, price, qty);
            }
            default: {
                if (bids == null) {
                    throw missing("bids");
                }
                if (asks == null) {
                    throw missing("asks");
                }
                bids.checkSorted("bids", true);
                asks.checkSorted("asks", false);
                if (bids.size > 0 && asks.size > 0 && bids.prices[0] >= asks.prices[0]) {
                    throw new InvalidEventException("crossed book: best bid " + bids.prices[0]
                            + " >= best ask " + asks.prices[0]);
                }
                return MarketEvent.book(symbol, ts, bids.prices(), bids.qtys(), asks.prices(), asks.qtys());
            }
        }
    }

    private void checkPlausible(long ts) throws InvalidEventException {
        long max = System.currentTimeMillis() + maxFutureSkewMs;
        if (ts < MIN_PLAUSIBLE_TS || ts > max) {
            throw new InvalidEventException("'ts' " + ts + " outside the plausible range [" + MIN_PLAUSIBLE_TS
                    + " (2000-01-01), now + " + Duration.ofMillis(maxFutureSkewMs) + "]: is it in milliseconds?");
        }
    }

    private static Side side(String value) throws InvalidEventException {
        if (value == null) {
            throw missing("side");
        }
        Side s = Side.fromWire(value);
        if (s == null) {
            throw new InvalidEventException("unknown side '" + value + "' (expected B or S)");
        }
        return s;
    }

    private static void checkPriceQty(double price, double qty) throws InvalidEventException {
        checkPositive("price", price);
        checkPositive("qty", qty);
        if (!Double.isFinite(price * qty)) {
            throw new InvalidEventException("price * qty overflows: " + price + " * " + qty);
        }
    }

    private static void checkPositive(String name, double value) throws InvalidEventException {
        if (Double.isNaN(value)) {
            throw missing(name);
        }
        if (!Double.isFinite(value) || value <= 0) {
            throw new InvalidEventException("'" + name + "' must be a finite number > 0, got " + value);
        }
    }

    private static InvalidEventException missing(String field) {
        return new InvalidEventException("missing required field '" + field + "'");
    }

    private static String string(JsonParser p, JsonToken value, String name) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidEventException("'" + name + "' must be a string, got " + shown(p, value));
        }
        return p.getText();
    }

    private String symbol(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return string(p, value, "symbol");
        }
        if (symbols == null) {
            symbols = new SymbolCache();
        }
        return symbols.get(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /** Ids are strings on the wire; integers are accepted too, as many feeds send them that way. */
    private static String identifier(JsonParser p, JsonToken value, String name) throws IOException {
        if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
            String text = p.getText();
            if (text.isEmpty()) {
                throw new InvalidEventException("'" + name + "' must be non-empty");
            }
            return text;
        }
        throw new InvalidEventException("'" + name + "' must be a string, got " + shown(p, value));
    }

    private static double number(JsonParser p, JsonToken value, String name) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidEventException("'" + name + "' must be a number, got " + shown(p, value));
        }
        return p.getDoubleValue();
    }

    private static String shown(JsonParser p, JsonToken value) throws IOException {
        switch (value) {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_NULL: return "null";
            case VALUE_STRING: return "\"" + p.getText() + "\"";
            default: return p.getText();
        }
    }

    /** Reads {@code [[price, qty], ...]} into primitive arrays without boxing. */
    private static final class LevelsReader {
        double[] prices = new double[32];
        double[] qtys = new double[32];
        int size;

        static LevelsReader read(JsonParser p, JsonToken value, String name) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                throw new InvalidEventException("'" + name + "' must be an array of [price, qty] levels, got "
                        + shown(p, value));
            }
            LevelsReader levels = new LevelsReader();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                int level = levels.size + 1;
                if (t != JsonToken.START_ARRAY) {
                    throw new InvalidEventException(name + " level " + level + " must be a [price, qty] array");
                }
                double price = levelNumber(p, name, level);
                double qty = levelNumber(p, name, level);
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    throw new InvalidEventException(name + " level " + level + " must have exactly two numbers");
                }
                if (!(Double.isFinite(price) && price > 0 && Double.isFinite(qty) && qty > 0)) {
                    throw new InvalidEventException(name + " level " + level + " needs finite price and qty > 0, got ["
                            + price + ", " + qty + "]");
                }
                levels.add(price, qty);
            }
            return levels;
        }

        private static double levelNumber(JsonParser p, String name, int level) throws IOException {
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new InvalidEventException(name + " level " + level + " must be [price, qty] numbers");
            }
            return p.getDoubleValue();
        }

        void add(double price, double qty) {
            if (size == prices.length) {
                prices = Arrays.copyOf(prices, size * 2);
                qtys = Arrays.copyOf(qtys, size * 2);
            }
            prices[size] = price;
            qtys[size] = qty;
            size++;
        }

        void checkSorted(String name, boolean descending) throws InvalidEventException {
            for (int i = 1; i < size; i++) {
                boolean ordered = descending ? prices[i] < prices[i - 1] : prices[i] > prices[i - 1];
                if (!ordered) {
                    throw new InvalidEventException("unsorted book: " + name + " must be strictly "
                            + (descending ? "descending" : "ascending") + " by price, but level " + (i + 1)
                            + " (" + prices[i] + ") follows " + prices[i - 1]);
                }
            }
        }

        double[] prices() {
            return Arrays.copyOf(prices, size);
        }

        double[] qtys() {
            return Arrays.copyOf(qtys, size);
        }
    }
}
