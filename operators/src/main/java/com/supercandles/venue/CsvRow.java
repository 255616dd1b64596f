package com.supercandles.venue;

import java.util.ArrayList;
import java.util.List;

/**
 * One CSV row of a venue file split at commas (the venues' files quote nothing; a field in double
 * quotes has them removed), with typed reads that name the column when a value is wrong.
 */
public final class CsvRow {
    private final String line;
    private final List<String> fields = new ArrayList<>(16);
    private final String[] names;

    private CsvRow(String line, String[] names) {
        this.line = line;
        this.names = names;
    }

    /**
     * Splits {@code line}; {@code names} are the columns' names for messages (the header's, or the
     * documented ones).
     */
    public static CsvRow split(String line, String[] names) {
        CsvRow row = new CsvRow(line, names);
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                String field = line.substring(start, i).trim();
                if (field.length() >= 2 && field.charAt(0) == '"' && field.charAt(field.length() - 1) == '"') {
                    field = field.substring(1, field.length() - 1);
                }
                row.fields.add(field);
                start = i + 1;
            }
        }
        return row;
    }

    public String line() {
        return line;
    }

    public int size() {
        return fields.size();
    }

    public String text(int i) {
        return fields.get(i);
    }

    public boolean isEmpty(int i) {
        return fields.get(i).isEmpty();
    }

    private String name(int i) {
        return names != null && i < names.length ? "'" + names[i] + "'" : "column " + (i + 1);
    }

    public long integer(int i) throws RowProblem {
        String value = fields.get(i);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new RowProblem(name(i) + " must be an integer, got '" + value + "'");
        }
    }

    public double number(int i) throws RowProblem {
        String value = fields.get(i);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new RowProblem(name(i) + " must be a number, got '" + value + "'");
        }
    }

    /** A true/false column (Binance writes {@code True}/{@code False} or {@code true}/{@code false}). */
    public boolean flag(int i) throws RowProblem {
        String value = fields.get(i);
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new RowProblem(name(i) + " must be true or false, got '" + value + "'");
    }

    /** Fails unless the row has {@code n} fields at least. */
    public CsvRow expect(int n) throws RowProblem {
        if (fields.size() < n) {
            throw new RowProblem("expected " + n + " comma-separated columns, found " + fields.size());
        }
        return this;
    }

    /** Why a row is not an event: becomes the dead letter's reason, after the file and line. */
    public static final class RowProblem extends Exception {
        private static final long serialVersionUID = 1L;

        public RowProblem(String message) {
            super(message, null, false, false);
        }
    }
}
