package com.supercandles.event;

/** Bid or ask: the aggressor of a trade, or the side a resting order sits on. */
public enum Side {
    /** Buyer: for a trade a buyer lifted an ask; for an order a bid. */
    B,
    /** Seller: for a trade a seller hit a bid; for an order an ask. */
    S;

    public static Side fromWire(String value) {
        if ("B".equals(value)) {
            return B;
        }
        if ("S".equals(value)) {
            return S;
        }
        return null;
    }
}
