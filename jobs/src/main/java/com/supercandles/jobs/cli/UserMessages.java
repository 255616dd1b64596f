package com.supercandles.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * What went wrong, in words a user can act on: the text of an exception without its class name or
 * its trace (those are for {@code --verbose}). Exceptions whose message is only a path (the JDK's file
 * errors) or that carry a parser's internals (Jackson's source excerpt) are spelled out.
 */
public final class UserMessages {
    private UserMessages() {}

    /**
     * The most specific message of {@code e} and its causes, readable on its own: the deepest cause
     * names what really failed, unless an outer message already repeats it with more context.
     */
    public static String of(Throwable e) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        String best = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String m = one(chain.get(i));
            if (m != null && (best == null || m.contains(best))) {
                best = m;
            }
        }
        return best != null ? best : "an internal error (" + words(e) + "); run again with --verbose for the details";
    }

    /** One throwable's own message, readable, or null when it has none worth showing. */
    static String one(Throwable t) {
        if (t instanceof NoSuchFileException) {
            return "no such file or directory: " + ((FileSystemException) t).getFile();
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied: " + ((FileSystemException) t).getFile();
        }
        if (t instanceof FileAlreadyExistsException) {
            return "already exists: " + ((FileSystemException) t).getFile();
        }
        if (t instanceof NotDirectoryException) {
            return "not a directory: " + ((FileSystemException) t).getFile();
        }
        if (t instanceof DirectoryNotEmptyException) {
            return "directory not empty: " + ((FileSystemException) t).getFile();
        }
        if (t instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) t;
            String reason = f.getReason() != null ? f.getReason().toLowerCase(Locale.ROOT) : "cannot be used";
            return f.getFile() + ": " + reason;
        }
        if (t instanceof JsonProcessingException) {
            return json((JsonProcessingException) t);
        }
        if (t instanceof OutOfMemoryError) {
            return "the JVM ran out of memory: give it more with SUPERCANDLES_JAVA_OPTS=-Xmx4g (or more)";
        }
        String m = t.getMessage();
        if (m == null || m.isBlank() || t.getCause() != null && m.equals(t.getCause().toString())) {
            return null; // no message, or only the cause's class and message, which the cause gives better
        }
        return m.trim();
    }

    /** Jackson's message without its "Source: ..." excerpt, with the column it stopped at. */
    public static String json(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        int details = m.indexOf("\n");
        if (details > 0) {
            m = m.substring(0, details);
        }
        JsonLocation at = e.getLocation();
        return at != null && at.getColumnNr() > 0 ? "column " + at.getColumnNr() + ": " + m : m;
    }

    /** {@code IndexOutOfBoundsException} -> "index out of bounds": a last resort that names no class. */
    private static String words(Throwable e) {
        String name = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
