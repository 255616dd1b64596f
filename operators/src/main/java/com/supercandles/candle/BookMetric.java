package com.supercandles.candle;

/**
 * The per-snapshot order-book metrics of a SuperCandle, in the order of the spec. Each is computed on
 * every snapshot of the window and averaged over the snapshots where it is defined.
 */
public enum BookMetric {
    SPREAD_BBO("spread_bbo"),
    SPREAD_LV10("spread_lv10"),
    SPREAD_1MIO("spread_1mio"),
    LEVELS_B("levels_b"),
    LEVELS_S("levels_s"),
    OB_VOL_B("ob_vol_b"),
    OB_VOL_S("ob_vol_s"),
    OB_VAL_B("ob_val_b"),
    OB_VAL_S("ob_val_s"),
    IMBALANCE_VOL("imbalance_vol"),
    IMBALANCE_VAL("imbalance_val"),
    IMBALANCE_VOL_BBO("imbalance_vol_bbo"),
    IMBALANCE_VAL_BBO("imbalance_val_bbo"),
    VWAP_B("vwap_b"),
    VWAP_S("vwap_s"),
    VWAP_B_1MIO("vwap_b_1mio"),
    VWAP_S_1MIO("vwap_s_1mio");

    public static final int COUNT = values().length;

    private final String fieldName;

    BookMetric(String fieldName) {
        this.fieldName = fieldName;
    }

    /** The candle field name of the metric's window average. */
    public String fieldName() {
        return fieldName;
    }
}
