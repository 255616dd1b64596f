package com.supercandles.sinks;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes each record as one line of a local file, for bounded runs (replays, demos) whose output a
 * person or a test reads. One writer writes the file itself; with several writers each writes
 * {@code FILE.partN}, in a directory that must exist. The file is truncated at start, so the sink is not for restartable live jobs:
 * those use the transactional Kafka sink.
 */
public final class JsonLinesFileSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final SerializableFunction<T, String> toLine;

    private JsonLinesFileSink(String path, SerializableFunction<T, String> toLine) {
        this.path = path;
        this.toLine = toLine;
    }

    public static <T> JsonLinesFileSink<T> of(Path file, SerializableFunction<T, String> toLine) {
        return new JsonLinesFileSink<>(file.toAbsolutePath().toString(), toLine);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        int writers = context.getTaskInfo().getNumberOfParallelSubtasks();
        Path file = writers == 1
                ? Paths.get(path)
                : Paths.get(path + ".part" + context.getTaskInfo().getIndexOfThisSubtask());
        // No directories are made here: a command creates them (and removes them when it fails), and a
        // writer that recreated a directory a failed run had removed would leave a partial file behind.
        return new LineWriter<>(Files.newBufferedWriter(file, StandardCharsets.UTF_8), toLine);
    }

    private static final class LineWriter<T> implements SinkWriter<T> {
        private final BufferedWriter out;
        private final SerializableFunction<T, String> toLine;

        LineWriter(BufferedWriter out, SerializableFunction<T, String> toLine) {
            this.out = out;
            this.toLine = toLine;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            out.write(toLine.apply(element));
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
