package com.supercandles.sinks.clickhouse;

import com.clickhouse.client.api.ServerException;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What went wrong talking to ClickHouse, and whether waiting can help: a server that is down,
 * restarting or overloaded is worth retrying; wrong credentials, a missing table or rows the table
 * does not accept are not, and their message says what to fix.
 */
public final class ClickHouseFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** Server error codes that a later attempt can get past (overload, timeouts, network, restarts). */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(
            3,   // UNEXPECTED_END_OF_FILE
            159, // TIMEOUT_EXCEEDED
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY
            252, // TOO_MANY_PARTS
            425, // SYSTEM_ERROR
            999  // KEEPER_EXCEPTION
    );
    /** Unknown user, wrong password, authentication failed (18.16 uses the first three, current servers 516). */
    private static final Set<Integer> CREDENTIAL_CODES = Set.of(192, 193, 194, 516);

    private static final Pattern CLIENT_DETAILS = Pattern.compile("\\s*\\(attempt: \\d+, duration: \\d+ms, queryId: [^)]*\\)");
    private static final Pattern CODE_IN_MESSAGE = Pattern.compile("Code: (\\d+)");

    private final boolean retryable;

    private ClickHouseFailure(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Classifies {@code error} from an operation ({@code doing}, e.g. "insert into db.t") on {@code connection}. */
    public static ClickHouseFailure of(Throwable error, String doing, ClickHouseConnection connection) {
        Throwable e = unwrap(error);
        if (e instanceof ClickHouseFailure) {
            return (ClickHouseFailure) e;
        }
        if (e instanceof ServerException) {
            int code = code((ServerException) e);
            if (CREDENTIAL_CODES.contains(code)) {
                return new ClickHouseFailure("ClickHouse at " + connection.url() + " refused user '" + connection.user()
                        + "' (server code " + code + ": unknown user or wrong password): check the ClickHouse user and"
                        + " password settings (the password is read from the environment or a file)", e, false);
            }
            if (code == 81) {
                return new ClickHouseFailure("ClickHouse at " + connection.url() + " has no database '"
                        + connection.database() + "': run `bin/supercandles migrate` (or start the job with"
                        + " clickhouse.migrate=true)", e, false);
            }
            if (code == 60) {
                return new ClickHouseFailure("ClickHouse at " + connection.url() + ": a table is missing while trying to "
                        + doing + ": run `bin/supercandles migrate`: " + firstLine(e.getMessage()), e, false);
            }
            boolean transientCode = TRANSIENT_CODES.contains(code) || ((ServerException) e).isRetryable();
            return new ClickHouseFailure("ClickHouse at " + connection.url() + " failed to " + doing + " (server code "
                    + code + "): " + firstLine(e.getMessage()), e, transientCode);
        }
        // Anything else is the transport: refused or reset connections, timeouts, a server going away.
        return new ClickHouseFailure("cannot " + doing + " on ClickHouse at " + connection.url() + ": "
                + describe(e), e, true);
    }

    /** The server's error code; 18.16 sends it only in the body ("Code: 60, ..."), not in a header. */
    private static int code(ServerException e) {
        if (e.getCode() > 0) {
            return e.getCode();
        }
        Matcher m = CODE_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        int http = e.getTransportProtocolCode();
        return http == 401 || http == 403 ? 516 : e.getCode();
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The failure in words for an operator: its message and, where it adds something, its root cause's. */
    private static String describe(Throwable e) {
        // the client's own bookkeeping ("attempt: 1" although the sink retries, "queryId: null") says nothing here
        String text = CLIENT_DETAILS.matcher(said(e)).replaceAll("");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = said(root);
        return root == e || text.contains(rootText) ? text : text + " (" + rootText + ")";
    }

    /** A throwable's first line, or its kind in words when it has none ("connect timeout"). */
    private static String said(Throwable t) {
        String line = firstLine(t.getMessage());
        if (!line.isBlank()) {
            return line;
        }
        return t.getClass().getSimpleName().replaceAll("(Exception|Error)$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
