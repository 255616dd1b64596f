package com.supercandles.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;

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
     * The message of {@code e} readable on its own: the first message that is not a framework's wrapper
     * (Flink's "Job execution failed.", an ExecutionException repeating its cause), then, when the root
     * cause says something it does not, the root cause's message after a colon: "ClickHouse at URL refused
     * user 'sink': Wrong password", "Failed to get metadata for topics [trades]: Timed out waiting ...".
     */
    public static String of(Throwable e) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Throwable first = null;
        Throwable root = null;
        for (Throwable t : chain) {
            if (one(t) == null) {
                continue;
            }
            root = t;
            if (first == null && !isWrapper(t)) {
                first = t;
            }
        }
        Throwable last = chain.get(chain.size() - 1);
        String internal = "an internal error (" + words(last) + "); run again with --verbose for the details";
        if (one(last) == null) {
            // the real failure says nothing (a null pointer): the wrappers' words would hide it
            Throwable lead = first != null ? first : root; // even a wrapper's words say where it happened
            return lead == null ? internal : trimmed(one(lead)) + ": " + internal;
        }
        if (first == null) {
            first = root;
        }
        String text = one(first);
        String rootText = one(root);
        if (root != first && !text.contains(rootText)) {
            text = trimmed(text) + ": " + rootText;
        }
        return text;
    }

    private static String trimmed(String text) {
        return text.replaceAll("[.:\\s]+$", "");
    }

    /** An exception that only carries another one on: its message says nothing of its own. */
    private static boolean isWrapper(Throwable t) {
        return t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.lang.reflect.InvocationTargetException
                || t instanceof java.lang.reflect.UndeclaredThrowableException
                || t.getClass().getName().startsWith("org.apache.flink.");
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

    /** Why {@code file} cannot be read as a file ("X is a directory, not a file"), or null when it can. */
    public static String unreadableFile(java.nio.file.Path file) {
        if (!java.nio.file.Files.exists(file)) {
            return "no such file: " + file;
        }
        if (java.nio.file.Files.isDirectory(file)) {
            return file + " is a directory, not a file";
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            return file + " is not a regular file";
        }
        return java.nio.file.Files.isReadable(file) ? null : "permission denied: " + file;
    }

    /** Jackson's message without its "Source: ..." excerpt, with the column it stopped at. */
    public static String json(JsonProcessingException e) {
        return com.supercandles.fields.JsonText.problem(e);
    }

    /** {@code IndexOutOfBoundsException} -> "index out of bounds": a last resort that names no class. */
    private static String words(Throwable e) {
        String name = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
