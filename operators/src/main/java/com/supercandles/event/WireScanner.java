package com.supercandles.event;

import java.nio.charset.StandardCharsets;

/**
 * The parser's fast path: reads the wire format's usual shape straight from the bytes, with no
 * tokenizer and no strings but the symbol (interned) and the id. The usual shape: one flat JSON object
 * whose strings are ASCII without escapes, whose numbers are plain JSON numbers, whose levels are
 * {@code [[price, qty], ...]} of positive numbers, and whose unknown fields hold scalars.
 *
 * <p>It never rejects a record: on anything else (an escape, a non-ASCII byte, a nested unknown field,
 * a value of the wrong type, a word it does not know, any syntax error) it gives up, and the parser
 * reads the record with Jackson, which finds the event or the reason. So it only has to be right about
 * what it accepts; the parser's tests compare the two on recorded and on mutated records.
 */
final class WireScanner {
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private final SymbolCache symbols = new SymbolCache();
    private final BookLevels bids = new BookLevels();
    private final BookLevels asks = new BookLevels();

    private byte[] b;
    private int pos;
    private int end;
    /** The last number read: its value; whether it was written as an integer; if so and exact, as a long. */
    private double number;
    private boolean integral;
    private boolean exactLong;
    private long longValue;
    /** The bounds of the last string read, quotes excluded. */
    private int textStart;
    private int textLength;

    /** Reads {@code bytes[offset, offset + length)} into {@code into}; false when it gives up. */
    boolean scan(byte[] bytes, int offset, int length, RecordFields into) {
        b = bytes;
        pos = offset;
        end = offset + length;
        into.clear();
        try {
            return object(into);
        } finally {
            b = null;
        }
    }

    private boolean object(RecordFields f) {
        skipWhitespace();
        if (!consume('{')) {
            return false;
        }
        skipWhitespace();
        if (consume('}')) {
            return atEnd();
        }
        while (true) {
            if (!string()) {
                return false;
            }
            int name = textStart;
            int nameLength = textLength;
            skipWhitespace();
            if (!consume(':')) {
                return false;
            }
            skipWhitespace();
            if (!field(f, name, nameLength)) {
                return false;
            }
            skipWhitespace();
            if (consume('}')) {
                return atEnd();
            }
            if (!consume(',')) {
                return false;
            }
            skipWhitespace();
        }
    }

    private boolean field(RecordFields f, int name, int length) {
        switch (length) {
            case 2:
                if (is(name, length, "ts")) {
                    if (!number() || !exactLong) {
                        return false;
                    }
                    f.ts = longValue;
                    f.hasTs = true;
                    return true;
                }
                break;
            case 3:
                if (is(name, length, "qty")) {
                    return (f.qty = positiveNumber()) > 0;
                }
                break;
            case 4:
                if (is(name, length, "type")) {
                    return (f.type = word("trade", "order", "book")) != null;
                }
                if (is(name, length, "side")) {
                    return (f.side = word("B", "S", null)) != null;
                }
                if (is(name, length, "bids")) {
                    return (f.bids = levels(bids)) != null;
                }
                if (is(name, length, "asks")) {
                    return (f.asks = levels(asks)) != null;
                }
                break;
            case 5:
                if (is(name, length, "price")) {
                    return (f.price = positiveNumber()) > 0;
                }
                break;
            case 6:
                if (is(name, length, "symbol")) {
                    if (!string() || textLength == 0) {
                        return false;
                    }
                    f.symbol = symbols.get(b, textStart, textLength);
                    return true;
                }
                if (is(name, length, "action")) {
                    return (f.action = word("put", "cancel", null)) != null;
                }
                if (is(name, length, "source") && pos < end && b[pos] == '"') {
                    if (!string()) {
                        return false;
                    }
                    // another source is ignored, as events.md says of unknown values
                    f.source = is(textStart, textLength, RecordFields.DERIVED) ? RecordFields.DERIVED : null;
                    return true;
                }
                break;
            case 8:
                if (is(name, length, "trade_id")) {
                    return identifier(f, true);
                }
                if (is(name, length, "order_id")) {
                    return identifier(f, false);
                }
                break;
            default:
                break;
        }
        return skipScalar();
    }

    /** The one of the given words the string is (the constant itself: no allocation); null otherwise. */
    private String word(String first, String second, String third) {
        if (!string()) {
            return null;
        }
        if (is(textStart, textLength, first)) {
            return first;
        }
        if (is(textStart, textLength, second)) {
            return second;
        }
        return third != null && is(textStart, textLength, third) ? third : null;
    }

    /**
     * A non-empty string, or an integer as written, into the trade's or the order's id: a plain decimal
     * number as a number, without a String ({@link EventId}); false for anything else.
     */
    private boolean identifier(RecordFields f, boolean trade) {
        int start = pos;
        int from;
        int length;
        if (pos < end && b[pos] == '"') {
            if (!string() || textLength == 0) {
                return false;
            }
            from = textStart;
            length = textLength;
        } else {
            if (!number() || !integral) {
                return false;
            }
            from = start;
            length = pos - start;
        }
        long number = EventId.number(b, from, length);
        String text = number == EventId.NONE ? new String(b, from, length, StandardCharsets.ISO_8859_1) : null;
        if (trade) {
            f.tradeId = text;
            f.tradeIdNumber = number;
        } else {
            f.orderId = text;
            f.orderIdNumber = number;
        }
        return true;
    }

    /** A number that is finite and positive, or NaN (which makes the caller give up). */
    private double positiveNumber() {
        return number() && Double.isFinite(number) && number > 0 ? number : Double.NaN;
    }

    private BookLevels levels(BookLevels into) {
        if (!consume('[')) {
            return null;
        }
        into.clear();
        skipWhitespace();
        if (consume(']')) {
            return into;
        }
        while (true) {
            if (!consume('[')) {
                return null;
            }
            double price = numberFollowedBy(',');
            double qty = numberFollowedBy(']');
            if (!BookLevels.validLevel(price, qty)) {
                return null; // also when either is NaN: not a number, or not followed as it should be
            }
            into.add(price, qty);
            skipWhitespace();
            if (consume(']')) {
                return into;
            }
            if (!consume(',')) {
                return null;
            }
            skipWhitespace();
        }
    }

    /** A number between whitespace, then {@code next}; NaN otherwise (JSON has no NaN of its own). */
    private double numberFollowedBy(char next) {
        skipWhitespace();
        if (!number()) {
            return Double.NaN;
        }
        double value = number;
        skipWhitespace();
        return consume(next) ? value : Double.NaN;
    }

    /** The value of a field nobody reads: a string, number, true, false or null. */
    private boolean skipScalar() {
        if (pos >= end) {
            return false;
        }
        switch (b[pos]) {
            case '"': return string();
            case 't': return literal("true");
            case 'f': return literal("false");
            case 'n': return literal("null");
            default: return number();
        }
    }

    private boolean literal(String word) {
        int length = word.length();
        if (end - pos < length || !is(pos, length, word)) {
            return false;
        }
        pos += length;
        return pos == end || delimiter(b[pos]);
    }

    /**
     * A JSON number by the grammar {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. Its value is
     * exact when the digits fit 2^53 and the power of ten is at most 22 (both factors are then exact
     * doubles and one multiplication or division rounds correctly, as Double.parseDouble does);
     * otherwise Double.parseDouble reads the text.
     */
    private boolean number() {
        int start = pos;
        boolean negative = consume('-');
        if (pos >= end) {
            return false;
        }
        long mantissa = 0;
        int digits = 0;
        boolean exact = true;
        if (b[pos] == '0') {
            pos++;
            if (pos < end && digit(b[pos])) {
                return false;
            }
        } else if (digit(b[pos])) {
            for (; pos < end && digit(b[pos]); pos++) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[pos] - '0');
                    digits++;
                } else {
                    exact = false;
                }
            }
        } else {
            return false;
        }
        integral = true;
        int fractionDigits = 0;
        if (consume('.')) {
            integral = false;
            int first = pos;
            for (; pos < end && digit(b[pos]); pos++) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[pos] - '0');
                    digits++;
                    fractionDigits++;
                } else {
                    exact = false;
                }
            }
            if (pos == first) {
                return false;
            }
        }
        int exponent = 0;
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            integral = false;
            pos++;
            boolean negativeExponent = consume('-');
            if (!negativeExponent) {
                consume('+');
            }
            int first = pos;
            for (; pos < end && digit(b[pos]); pos++) {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (b[pos] - '0');
                }
            }
            if (pos == first) {
                return false;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (pos < end && !delimiter(b[pos])) {
            return false;
        }
        exactLong = integral && exact;
        longValue = negative ? -mantissa : mantissa;
        int powerOfTen = exponent - fractionDigits;
        if (exact && mantissa <= MAX_EXACT_MANTISSA && Math.abs(powerOfTen) < POWERS_OF_TEN.length) {
            double magnitude = powerOfTen >= 0
                    ? mantissa * POWERS_OF_TEN[powerOfTen]
                    : mantissa / POWERS_OF_TEN[-powerOfTen];
            number = negative ? -magnitude : magnitude;
        } else {
            number = Double.parseDouble(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
        }
        return true;
    }

    /** A string of printable ASCII without escapes; its bounds in textStart and textLength. */
    private boolean string() {
        if (!consume('"')) {
            return false;
        }
        int start = pos;
        for (; pos < end; pos++) {
            byte c = b[pos];
            if (c == '"') {
                textStart = start;
                textLength = pos - start;
                pos++;
                return true;
            }
            if (c == '\\' || c < 0x20) {
                // escapes and control characters, and (negative as bytes) every non-ASCII byte
                return false;
            }
        }
        return false;
    }

    private boolean is(int start, int length, String word) {
        if (length != word.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean consume(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (pos < end && whitespace(b[pos])) {
            pos++;
        }
    }

    private boolean atEnd() {
        skipWhitespace();
        return pos == end;
    }

    private static boolean whitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean delimiter(byte c) {
        return c == ',' || c == '}' || c == ']' || whitespace(c);
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }
}
