package com.supercandles.venue;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The text lines of a venue file, numbered from 1, read as a stream: a gzip file (tardis) or a zip
 * holding one file (Binance) is decompressed as it is read, never unpacked to disk. Compression is told
 * by the file's first bytes, not its name, so a renamed file reads too.
 */
public final class VenueLines implements Closeable {
    private final Path file;
    private final BufferedReader reader;
    private final ZipFile zip;
    private long number;

    private VenueLines(Path file, BufferedReader reader, ZipFile zip) {
        this.file = file;
        this.reader = reader;
        this.zip = zip;
    }

    public static VenueLines open(Path file) throws IOException {
        byte[] magic = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(magic, 0, 4);
        }
        if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
            return new VenueLines(file, reader(in), null);
        }
        if (n == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            ZipFile zip = new ZipFile(file.toFile());
            try {
                ZipEntry only = onlyEntry(zip, file);
                return new VenueLines(file, reader(zip.getInputStream(only)), zip);
            } catch (IOException e) {
                zip.close();
                throw e;
            }
        }
        return new VenueLines(file, reader(Files.newInputStream(file)), null);
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(new BufferedInputStream(in, 1 << 16), StandardCharsets.UTF_8),
                1 << 16);
    }

    private static ZipEntry onlyEntry(ZipFile zip, Path file) throws IOException {
        List<ZipEntry> files = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            if (!entry.isDirectory()) {
                files.add(entry);
            }
        }
        if (files.size() != 1) {
            List<String> names = new ArrayList<>();
            files.forEach(f -> names.add(f.getName()));
            throw new VenueFileException(file + ": a zip input must hold exactly one CSV file, this one holds "
                    + files.size() + (names.isEmpty() ? "" : " " + names)
                    + ": give the files one zip each (or unzipped)");
        }
        return files.get(0);
    }

    /** The next line without its line break, or null at the end; {@link #number()} is its number. */
    public String next() throws IOException {
        String line = reader.readLine();
        if (line != null) {
            number++;
        }
        return line;
    }

    /** The number of the line {@link #next()} returned last, from 1. */
    public long number() {
        return number;
    }

    /** {@code file:line} of the last line read, for a dead letter's reason. */
    public String where() {
        return file.getFileName() + ":" + number;
    }

    public Path file() {
        return file;
    }

    /** The file's first line (its header, if it has one), read and closed again; null for an empty file. */
    public static String firstLine(Path file) throws IOException {
        try (VenueLines lines = open(file)) {
            String line = lines.next();
            return line != null && line.startsWith("\uFEFF") ? line.substring(1) : line;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            if (zip != null) {
                zip.close();
            }
        }
    }
}
