package com.supercandles.event;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Arrays;
import java.util.Objects;

/**
 * One validated input event: a trade, an order-log entry or a book snapshot.
 *
 * <p>One class for the three streams so that they can be unioned and keyed by symbol into a single
 * window operator; the fields that do not apply to a type are left at their defaults. It is a Flink
 * POJO (public fields, no-arg constructor) with a hand-written serializer ({@link MarketEventSerializer}).
 */
@TypeInfo(MarketEventSerializer.Factory.class)
public class MarketEvent {
    public EventType type;
    public String symbol;
    /** Exchange time, epoch milliseconds UTC. */
    public long ts;
    /**
     * {@code trade_id} of a trade, {@code order_id} of an order, as text: null for a book snapshot and
     * when the id is a plain decimal number, which {@link #idNumber} holds instead (see {@link EventId}:
     * most venues number their trades, and a String per event was a third of a trade's allocation).
     * Read it with {@link #id()}; set it with {@link #setId}.
     */
    public String idText;
    /** The id when it is a plain decimal number (at most 18 digits); {@link EventId#NONE} otherwise. */
    public long idNumber = EventId.NONE;
    /** Aggressor side of a trade, or the side of an order. */
    public Side side;
    /** Order-log action; null unless {@link #type} is ORDER. */
    public OrderAction action;
    public double price;
    public double qty;
    /**
     * True for an order event that no venue reported: derived from a book's level increments by
     * {@code com.supercandles.venue.DerivedOrders} (an approximation of the order log, see its Javadoc),
     * written as {@code "source":"derived"} in JSON. False for a real order log and for the other types.
     */
    public boolean derived;
    /** Book levels, best first: bid prices descending, ask prices ascending. Null unless BOOK. */
    public double[] bidPrices;
    public double[] bidQtys;
    public double[] askPrices;
    public double[] askQtys;
    /**
     * The watermark of the event's own stream partition just before it arrived, stamped by the source
     * ({@link StreamWatermark}); Long.MIN_VALUE where a source does not stamp. An event is late for a
     * window that closed at or before it, whatever the other streams do. Not part of equality.
     */
    public long streamWatermark = Long.MIN_VALUE;
    /**
     * When the event entered the system: its Kafka record's timestamp (the producer's time, or the
     * broker's with LogAppendTime); Long.MIN_VALUE where a source has none (files). Not part of equality.
     */
    public long ingestTime = Long.MIN_VALUE;

    public MarketEvent() {}

    public static MarketEvent trade(String symbol, long ts, String tradeId, double price, double qty, Side aggressor) {
        MarketEvent e = new MarketEvent();
        e.type = EventType.TRADE;
        e.symbol = symbol;
        e.ts = ts;
        e.setId(tradeId);
        e.price = price;
        e.qty = qty;
        e.side = aggressor;
        return e;
    }

    public static MarketEvent order(
            String symbol, long ts, String orderId, OrderAction action, Side side, double price, double qty) {
        MarketEvent e = new MarketEvent();
        e.type = EventType.ORDER;
        e.symbol = symbol;
        e.ts = ts;
        e.setId(orderId);
        e.action = action;
        e.side = side;
        e.price = price;
        e.qty = qty;
        return e;
    }

    public static MarketEvent book(
            String symbol, long ts, double[] bidPrices, double[] bidQtys, double[] askPrices, double[] askQtys) {
        MarketEvent e = new MarketEvent();
        e.type = EventType.BOOK;
        e.symbol = symbol;
        e.ts = ts;
        e.bidPrices = bidPrices;
        e.bidQtys = bidQtys;
        e.askPrices = askPrices;
        e.askQtys = askQtys;
        return e;
    }

    /** The id as written: {@code trade_id}, {@code order_id}; null for a book snapshot. Allocates for a numeric id. */
    public String id() {
        return idText != null ? idText : idNumber != EventId.NONE ? Long.toString(idNumber) : null;
    }

    /** Sets the id: a plain decimal number is kept as a number, anything else as text; null for none. */
    public void setId(String id) {
        long number = id == null ? EventId.NONE : EventId.number(id);
        idNumber = number;
        idText = number == EventId.NONE ? id : null;
    }

    /** Sets an id read as a plain decimal number. */
    public void setId(long number) {
        idNumber = number;
        idText = null;
    }

    /** The id as a 64-bit key: the number itself, or a hash of the text with the top bit set ({@link EventId}). */
    public long idKey() {
        return idText != null ? EventId.textKey(idText) : idNumber;
    }

    public int bidLevels() {
        return bidPrices == null ? 0 : bidPrices.length;
    }

    public int askLevels() {
        return askPrices == null ? 0 : askPrices.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MarketEvent)) {
            return false;
        }
        MarketEvent e = (MarketEvent) o;
        return type == e.type && ts == e.ts && side == e.side && action == e.action
                && Double.compare(price, e.price) == 0 && Double.compare(qty, e.qty) == 0 && derived == e.derived
                && Objects.equals(symbol, e.symbol) && idNumber == e.idNumber && Objects.equals(idText, e.idText)
                && Arrays.equals(bidPrices, e.bidPrices) && Arrays.equals(bidQtys, e.bidQtys)
                && Arrays.equals(askPrices, e.askPrices) && Arrays.equals(askQtys, e.askQtys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, symbol, ts, idText, idNumber, price, qty);
    }

    @Override
    public String toString() {
        return EventJson.toJson(this);
    }
}
