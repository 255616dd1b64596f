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

/**
 * Parses and validates one JSON event of the wire contract ({@code shared/spec/events.md}).
 *
 * <p>Never throws on input: whatever the payload, the result is a valid event or a rejection with a
 * reason a person can act on. It runs once per input event, so records of the usual shape are read
 * by a byte scanner ({@link WireScanner}); every other record by Jackson's streaming parser, which
 * words the reason. Both fill the same {@link RecordFields}, judged by one piece of code.
 */
public final class EventParser implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 2000-01-01T00:00:00Z: anything earlier is taken for a unit mistake (seconds, not millis). */
    public static final long MIN_PLAUSIBLE_TS = 946_684_800_000L;

    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);

    /** The largest record the contract accepts: 1 MiB of UTF-8. */
    public static final int MAX_RECORD_BYTES = 1 << 20;
    /** How much of an oversized record its dead letter keeps. */
    public static final int OVERSIZED_PREFIX_BYTES = 4096;

    private static final JsonFactory JSON = new JsonFactory();

    private final long maxFutureSkewMs;
    private transient WireScanner scanner;
    private transient RecordFields scannedFields;

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
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_RECORD_BYTES) {
            return oversized(stream, bytes, 0, bytes.length);
        }
        MarketEvent event = scanned(bytes, 0, bytes.length);
        if (event != null) {
            return ParsedRecord.valid(event);
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
        if (length > MAX_RECORD_BYTES) {
            return oversized(stream, payload, offset, length);
        }
        MarketEvent event = scanned(payload, offset, length);
        if (event != null) {
            return ParsedRecord.valid(event);
        }
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

    /**
     * The dead letter of a record over {@link #MAX_RECORD_BYTES}: it is not parsed, and only its first
     * {@link #OVERSIZED_PREFIX_BYTES} are kept (the reason says so), so a hostile record cannot blow up
     * the dead-letter topic or table either.
     *
     * @param prefix at least the first {@code min(length, OVERSIZED_PREFIX_BYTES)} bytes of the record
     * @param length the record's whole length in bytes
     */
    public static ParsedRecord oversized(String stream, byte[] prefix, int offset, long length) {
        int kept = (int) Math.min(length, OVERSIZED_PREFIX_BYTES);
        String head = new String(prefix, offset, kept, StandardCharsets.UTF_8);
        return ParsedRecord.rejected(DeadLetter.invalid(stream, "record too large: " + length + " bytes, at most "
                + MAX_RECORD_BYTES + " (1 MiB) are accepted; the payload keeps its first " + kept + " bytes", head));
    }

    /** Parses a payload, throwing {@link InvalidEventException} with the reason when it is not valid. */
    public MarketEvent parseEvent(String payload) throws InvalidEventException {
        try (JsonParser p = JSON.createParser(payload)) {
            return read(p);
        } catch (IOException e) {
            throw new InvalidEventException(describe(e));
        }
    }

    /**
     * The event when the scanner reads the record and it is valid; null otherwise (Jackson then reads
     * it again and words the reason: a rejection is rare, and one place words them all).
     */
    private MarketEvent scanned(byte[] payload, int offset, int length) {
        if (scanner == null) {
            scanner = new WireScanner();
            scannedFields = new RecordFields();
        }
        if (!scanner.scan(payload, offset, length, scannedFields)) {
            return null;
        }
        try {
            return scannedFields.toEvent(maxFutureSkewMs);
        } catch (InvalidEventException e) {
            return null;
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
        RecordFields f = new RecordFields();
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type": f.type = string(p, value, name); break;
                case "symbol": f.symbol = string(p, value, name); break;
                case "side": f.side = string(p, value, name); break;
                case "action": f.action = string(p, value, name); break;
                case "source":
                    if (value == JsonToken.VALUE_STRING) {
                        f.source = p.getText();
                    } else {
                        p.skipChildren(); // an unknown field's value: ignored, as events.md says
                    }
                    break;
                case "trade_id": f.tradeId = identifier(p, value, name); break;
                case "order_id": f.orderId = identifier(p, value, name); break;
                case "ts":
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw new InvalidEventException("'ts' must be an integer (epoch milliseconds), got " + shown(p, value));
                    }
                    f.ts = p.getLongValue();
                    f.hasTs = true;
                    break;
                case "price": f.price = number(p, value, name); break;
                case "qty": f.qty = number(p, value, name); break;
                case "bids": f.bids = levels(p, value, name); break;
                case "asks": f.asks = levels(p, value, name); break;
                default: p.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new InvalidEventException("not valid JSON: unterminated object");
        }
        if (p.nextToken() != null) {
            throw new InvalidEventException("trailing content after the JSON object");
        }
        return f.toEvent(maxFutureSkewMs);
    }

    private static String string(JsonParser p, JsonToken value, String name) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidEventException("'" + name + "' must be a string, got " + shown(p, value));
        }
        return p.getText();
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
            case VALUE_STRING: return RecordFields.shownValue(p.getText());
            default: return RecordFields.shownValue(p.getText());
        }
    }

    /** Reads {@code [[price, qty], ...]} into primitive arrays without boxing. */
    private static BookLevels levels(JsonParser p, JsonToken value, String name) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new InvalidEventException("'" + name + "' must be an array of [price, qty] levels, got "
                    + shown(p, value));
        }
        BookLevels levels = new BookLevels();
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
            if (!BookLevels.validLevel(price, qty)) {
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
}
