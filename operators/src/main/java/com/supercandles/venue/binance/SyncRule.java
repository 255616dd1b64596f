package com.supercandles.venue.binance;

/**
 * The venue's documented rules for joining the diff. depth stream to a REST snapshot and for the
 * continuity of update ids after it, which differ between spot and USD-M futures.
 *
 * <p>Spot (binance-spot-api-docs, web-socket-streams.md, "How to manage a local order book
 * correctly"): drop an event with {@code u <= lastUpdateId}; the first one applied has
 * {@code U <= lastUpdateId + 1 <= u}; then each {@code U} is the previous {@code u + 1}.
 * USD-M futures (developers.binance.com, same title): drop {@code u < lastUpdateId}; the first one has
 * {@code U <= lastUpdateId <= u}; then each {@code pu} is the previous {@code u}.
 */
public enum SyncRule {
    SPOT {
        @Override
        boolean staleForSnapshot(DepthUpdate e, long lastUpdateId) {
            return e.finalId() <= lastUpdateId;
        }

        @Override
        boolean straddles(DepthUpdate e, long lastUpdateId) {
            return e.firstId() <= lastUpdateId + 1 && e.finalId() >= lastUpdateId + 1;
        }

        @Override
        boolean follows(DepthUpdate e, long previousFinalId) {
            return e.firstId() == previousFinalId + 1;
        }
    },
    FUTURES {
        @Override
        boolean staleForSnapshot(DepthUpdate e, long lastUpdateId) {
            return e.finalId() < lastUpdateId;
        }

        @Override
        boolean straddles(DepthUpdate e, long lastUpdateId) {
            return e.firstId() <= lastUpdateId && e.finalId() >= lastUpdateId;
        }

        @Override
        boolean follows(DepthUpdate e, long previousFinalId) {
            return e.previousFinalId() == previousFinalId;
        }
    };

    /** The event is already contained in a snapshot of {@code lastUpdateId}. */
    abstract boolean staleForSnapshot(DepthUpdate e, long lastUpdateId);

    /** The event is the first one to apply on a snapshot of {@code lastUpdateId}. */
    abstract boolean straddles(DepthUpdate e, long lastUpdateId);

    /** The event continues the one whose final id was {@code previousFinalId}, with nothing lost between. */
    abstract boolean follows(DepthUpdate e, long previousFinalId);
}
