package com.supercandles.signal;

/** The paper strategies of the contract, by their record names. */
public enum Strategy {
    DISB("disb"),
    LEVELS("levels"),
    LEVELS_TREND("levels_trend"),
    CANCELS("cancels"),
    LEVELS_CANCELS("levels_cancels");

    public final String wireName;

    Strategy(String wireName) {
        this.wireName = wireName;
    }

    public static Strategy fromWire(String name) {
        for (Strategy s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        return null;
    }

    public PositionRule rule(SignalSettings settings) {
        switch (this) {
            case DISB: return new DisbRule(settings.disbThreshold);
            case LEVELS: return new LevelsRule();
            case LEVELS_TREND: return new LevelsTrendRule();
            case CANCELS: return new CancelsRule(settings.maxHold);
            default: return new LevelsCancelsRule();
        }
    }
}
