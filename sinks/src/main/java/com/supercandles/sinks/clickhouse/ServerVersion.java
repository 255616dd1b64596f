package com.supercandles.sinks.clickhouse;

/** A ClickHouse server version, compared by major and minor number (18.16 < 19.6 < 24.3). */
public final class ServerVersion implements Comparable<ServerVersion> {
    private final int major;
    private final int minor;
    private final String text;

    private ServerVersion(int major, int minor, String text) {
        this.major = major;
        this.minor = minor;
        this.text = text;
    }

    /** Parses {@code 18.16.1}, {@code 24.3.5.46} or {@code 19.6}. */
    public static ServerVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        try {
            if (parts.length >= 2) {
                return new ServerVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), text.trim());
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("not a ClickHouse version (major.minor[...]): '" + text + "'");
    }

    public boolean atLeast(ServerVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ServerVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerVersion && compareTo((ServerVersion) o) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * major + minor;
    }

    @Override
    public String toString() {
        return text;
    }
}
