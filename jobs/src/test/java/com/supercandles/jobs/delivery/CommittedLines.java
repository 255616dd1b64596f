package com.supercandles.jobs.delivery;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableFunction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What a job committed, as files: each checkpoint's records become one file in a directory once the
 * checkpoint completes, as the transactional Kafka topic would show them to a read_committed reader. A
 * restore that commits a checkpoint again writes the same file again (its name travels with the batch),
 * so every record is there once. The fault tests compare what receivers got against this, Flink's own
 * commit, which the delivery code does not touch.
 */
final class CommittedLines<T> implements Sink<T>, SupportsCommitter<CommittedLines.Batch> {
    private static final long serialVersionUID = 1L;
    private final String dir;
    private final SerializableFunction<T, String> toLine;

    CommittedLines(Path dir, SerializableFunction<T, String> toLine) {
        this.dir = dir.toAbsolutePath().toString();
        this.toLine = toLine;
    }

    /** Every line committed so far, in no particular order. */
    static List<String> read(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jsonl"))::iterator) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    static final class Batch {
        final String name;
        final List<String> lines;

        Batch(String name, List<String> lines) {
            this.name = name;
            this.lines = lines;
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new CommittingSinkWriter<T, Batch>() {
            private List<String> lines = new ArrayList<>();

            @Override
            public void write(T element, Context context) {
                lines.add(toLine.apply(element));
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public Collection<Batch> prepareCommit() {
                if (lines.isEmpty()) {
                    return List.of();
                }
                Batch b = new Batch(UUID.randomUUID().toString(), lines);
                lines = new ArrayList<>();
                return List.of(b);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Committer<Batch> createCommitter(CommitterInitContext context) {
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<Batch>> requests) {
                for (CommitRequest<Batch> r : requests) {
                    Batch b = r.getCommittable();
                    try {
                        Path target = Paths.get(dir, b.name + ".jsonl");
                        Path tmp = Paths.get(dir, "." + b.name + ".tmp");
                        Files.createDirectories(target.getParent());
                        Files.write(tmp, b.lines, StandardCharsets.UTF_8);
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<Batch> getCommittableSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Batch b) throws IOException {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    out.writeUTF(b.name);
                    out.writeInt(b.lines.size());
                    for (String line : b.lines) {
                        byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
                        out.writeInt(utf8.length);
                        out.write(utf8);
                    }
                }
                return bytes.toByteArray();
            }

            @Override
            public Batch deserialize(int version, byte[] serialized) throws IOException {
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                    String name = in.readUTF();
                    int n = in.readInt();
                    List<String> lines = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        byte[] utf8 = new byte[in.readInt()];
                        in.readFully(utf8);
                        lines.add(new String(utf8, StandardCharsets.UTF_8));
                    }
                    return new Batch(name, lines);
                }
            }
        };
    }
}
