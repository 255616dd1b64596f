package com.supercandles.alert;

/**
 * What a market-anomaly alert was worth: the close some minutes after the alert's candle against the
 * close of that candle. One per alert and horizon (5, 15, 30, 60 minutes).
 */
public class AnomalyFollowUp {
    public String alertId;
    public String rule;
    public String symbol;
    /** The alert's event time (its candle's window end), epoch ms. */
    public long alertTime;
    public int minutes;
    public double closeThen;
    public double closeNow;
    /** 100 * (closeNow - closeThen) / closeThen. */
    public double movePct;

    public AnomalyFollowUp() {}

    @Override
    public String toString() {
        return "AnomalyFollowUp{" + rule + " " + symbol + " +" + minutes + " min " + movePct + " %}";
    }
}
