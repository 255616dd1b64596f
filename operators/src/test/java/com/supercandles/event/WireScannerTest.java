package com.supercandles.event;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser's byte scanner against Jackson, the reference it must agree with: {@link
 * EventParser#parseEvent(String)} reads with Jackson alone.
 */
class WireScannerTest {
    private final EventParser parser = new EventParser();

    static List<String> recordedLines() throws IOException {
        Path data = Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "data");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jsonl")).sorted()::iterator) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    /** Jackson's verdict: the event, or the reason as a string. */
    private Object withJacksonAlone(String payload) {
        try {
            return parser.parseEvent(payload);
        } catch (InvalidEventException e) {
            return e.getMessage();
        }
    }

    /** The parser as used: the scanner first, Jackson (on the same text) when it gives up. */
    private Object withScannerFirst(String payload) {
        ParsedRecord r = parser.parse("stream", payload);
        return r.isValid() ? r.event : r.rejection.reason;
    }

    @Test
    void everyValidRecordedRecordIsScannedAndReadsAsWithJackson() throws Exception {
        List<String> lines = recordedLines();
        assertThat(lines).hasSizeGreaterThan(150_000);
        WireScanner scanner = new WireScanner();
        RecordFields fields = new RecordFields();
        int valid = 0;
        for (String line : lines) {
            Object expected = withJacksonAlone(line);
            assertThat(withScannerFirst(line)).as(line).isEqualTo(expected);
            if (expected instanceof MarketEvent) {
                valid++;
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                assertThat(scanner.scan(bytes, 0, bytes.length, fields)).as(line).isTrue();
                assertThat(fields.toEvent(EventParser.DEFAULT_MAX_FUTURE_SKEW.toMillis())).as(line).isEqualTo(expected);
            }
        }
        assertThat(valid).isGreaterThan(150_000);
    }

    @Test
    void mutatedRecordsGetJacksonsEventOrJacksonsReason() throws Exception {
        List<String> lines = recordedLines();
        String alphabet = "{}[]\",:.-+eE0123456789 \t\ntrueflsnbx\\/";
        String[] insertions = {"é", "\\u0041", "\\\"", "  ", "\n", "1e400", "-0", "00", "null", "[]", "{}", "\"k\":1,"};
        Random random = new Random(7);
        int scannedValid = 0;
        int rejected = 0;
        for (int i = 0; i < 60_000; i++) {
            String original = lines.get(random.nextInt(lines.size()));
            StringBuilder s = new StringBuilder(original.length() > 400 ? original.substring(0, 400) + "]]}" : original);
            int mutations = 1 + random.nextInt(2);
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(s.length() + 1);
                switch (random.nextInt(5)) {
                    case 0: if (at < s.length()) s.deleteCharAt(at); break;
                    case 1: s.insert(at, alphabet.charAt(random.nextInt(alphabet.length()))); break;
                    case 2: if (at < s.length()) s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); break;
                    case 3: s.insert(at, insertions[random.nextInt(insertions.length)]); break;
                    default: s.insert(at, ' '); break; // often still valid: whitespace between tokens
                }
            }
            String payload = s.toString();
            Object expected = withJacksonAlone(payload);
            Object actual = withScannerFirst(payload);
            assertThat(actual).as(payload).isEqualTo(expected);
            if (expected instanceof MarketEvent) {
                scannedValid++;
            } else {
                rejected++;
            }
        }
        // both outcomes were exercised, not only one
        assertThat(scannedValid).isGreaterThan(5_000);
        assertThat(rejected).isGreaterThan(5_000);
    }

    @Test
    void numbersReadExactlyAsDoubleParseDoubleReadsThem() {
        Random random = new Random(11);
        WireScanner scanner = new WireScanner();
        RecordFields fields = new RecordFields();
        for (int i = 0; i < 200_000; i++) {
            String number = randomNumberText(random);
            String trade = "{\"type\":\"trade\",\"symbol\":\"X\",\"ts\":1430438404645,\"trade_id\":\"1\",\"price\":"
                    + number + ",\"qty\":1,\"side\":\"B\"}";
            byte[] bytes = trade.getBytes(StandardCharsets.UTF_8);
            double expected = Double.parseDouble(number);
            boolean usable = Double.isFinite(expected) && expected > 0;
            assertThat(scanner.scan(bytes, 0, bytes.length, fields)).as(number).isEqualTo(usable);
            if (usable) {
                assertThat(Double.doubleToRawLongBits(fields.price)).as(number)
                        .isEqualTo(Double.doubleToRawLongBits(expected));
            }
        }
    }

    private static String randomNumberText(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(12)));
            case 1:
                return Double.toString(Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE));
            case 2:
                // prices on a tick grid, quantities with up to 8 decimals: the usual feed
                return BigDecimal.valueOf(random.nextInt(100_000_000), random.nextInt(9)).toPlainString();
            case 3:
                return (random.nextBoolean() ? "-" : "") + Math.abs(random.nextLong() % 1_000_000_000_000_000L);
            default: {
                StringBuilder s = new StringBuilder();
                s.append(1 + random.nextInt(9));
                for (int d = random.nextInt(24); d > 0; d--) {
                    s.append(random.nextInt(10));
                }
                if (s.length() > 1 && random.nextBoolean()) {
                    s.insert(1 + random.nextInt(s.length() - 1), '.');
                }
                if (random.nextBoolean()) {
                    s.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "+")
                            .append(random.nextInt(40));
                }
                return s.toString();
            }
        }
    }
}
