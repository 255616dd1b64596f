package com.supercandles.source;

import com.supercandles.event.EventParser;
import com.supercandles.event.ParsedRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded files are read line by line with a bounded buffer: a huge line is a dead letter, not a heap. */
class JsonLinesEventFormatTest {
    private static final String TRADE =
            "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":1430438404645,\"trade_id\":\"%d\",\"price\":1,\"qty\":1,\"side\":\"B\"}";

    private static List<ParsedRecord> readAll(Path file) throws IOException {
        StreamFormat.Reader<ParsedRecord> reader = new JsonLinesEventFormat("trades", new EventParser(), java.time.Duration.ofSeconds(5))
                .createReader(new Configuration(), new LocalDataInputStream(file.toFile()));
        List<ParsedRecord> out = new ArrayList<>();
        for (ParsedRecord r; (r = reader.read()) != null; ) {
            out.add(r);
        }
        reader.close();
        return out;
    }

    @Test
    void aLineOfSeveralMebibytesBecomesADeadLetterWithItsPrefixAndTheNextLinesAreRead(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((String.format(TRADE, 1) + "\n").getBytes(StandardCharsets.UTF_8));
        String hugeHead = "{\"type\":\"trade\",\"symbol\":\"";
        bytes.writeBytes(hugeHead.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("A".repeat(5 << 20).getBytes(StandardCharsets.UTF_8)); // 5 MiB symbol
        bytes.writeBytes("\"}\r\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(("   \n" + String.format(TRADE, 2) + "\r\n\n" + String.format(TRADE, 3)).getBytes(StandardCharsets.UTF_8));
        Path file = tmp.resolve("trades.jsonl");
        Files.write(file, bytes.toByteArray());

        List<ParsedRecord> records = readAll(file);
        assertThat(records).as("records read").hasSize(4);
        assertThat(records.get(0).event.id()).isEqualTo("1");
        ParsedRecord huge = records.get(1);
        assertThat(huge.isValid()).isFalse();
        long hugeLength = hugeHead.length() + (5L << 20) + 2;
        assertThat(huge.rejection.reason).startsWith("record too large: " + hugeLength + " bytes");
        assertThat(huge.rejection.payload.length()).isEqualTo(4096);
        assertThat(huge.rejection.payload.startsWith(hugeHead + "AAAA")).isTrue();
        assertThat(records.get(2).event.id()).isEqualTo("2"); // CRLF line
        assertThat(records.get(3).event.id()).isEqualTo("3"); // last line without a newline
    }

    /** Cut into lines by a second, plain implementation: split on \n, drop one trailing \r. */
    @Test
    void linesMatchAPlainSplitWhateverTheChunkBoundaries() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int lines = random.nextInt(20);
            for (int i = 0; i < lines; i++) {
                int len = random.nextInt(5) == 0 ? 60_000 + random.nextInt(20_000) : random.nextInt(40);
                for (int j = 0; j < len; j++) {
                    text.append((char) ('a' + random.nextInt(3)));
                }
                text.append(random.nextBoolean() ? "\n" : "\r\n");
            }
            if (random.nextBoolean()) {
                text.append("tail");
            }
            byte[] data = text.toString().getBytes(StandardCharsets.US_ASCII);
            int limit = 70_000;
            List<String> expected = new ArrayList<>();
            String[] parts = text.toString().split("\n", -1);
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].endsWith("\r") ? parts[i].substring(0, parts[i].length() - 1) : parts[i];
                if (i < parts.length - 1 || !p.isEmpty()) {
                    expected.add(p);
                }
            }
            BoundedLines read = new BoundedLines(new ByteArrayInputStream(data), limit);
            List<String> actual = new ArrayList<>();
            while (read.next()) {
                assertThat(read.kept()).isEqualTo((int) Math.min(read.length(), limit + 1));
                actual.add(read.length() + ":" + new String(read.bytes(), 0, read.kept(), StandardCharsets.US_ASCII).hashCode());
            }
            List<String> expectedKept = new ArrayList<>();
            for (String e : expected) {
                expectedKept.add(e.length() + ":" + e.substring(0, Math.min(e.length(), limit + 1)).hashCode());
            }
            assertThat(actual).as("round " + round).isEqualTo(expectedKept);
        }
    }
}
