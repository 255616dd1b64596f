package com.supercandles.alert;

/** A symbol's watch in operator state at a checkpoint. */
public class WatchEntry {
    public String symbol;
    public SymbolWatch watch;

    public WatchEntry() {}

    WatchEntry(String symbol, SymbolWatch watch) {
        this.symbol = symbol;
        this.watch = watch;
    }
}
