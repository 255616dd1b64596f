package com.supercandles.instrument;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Instrument reference data for every symbol: a default spec and per-symbol overrides.
 *
 * <p>The overrides file is a properties file with lines {@code SYMBOL.lot_size=10},
 * {@code SYMBOL.tick_size=0.01}, {@code SYMBOL.depth_notional=1000000}; a symbol not named there
 * gets the defaults.
 */
public final class Instruments implements Serializable {
    private static final long serialVersionUID = 1L;

    private final InstrumentSpec defaults;
    private final HashMap<String, InstrumentSpec> bySymbol;

    public Instruments(InstrumentSpec defaults, Map<String, InstrumentSpec> bySymbol) {
        this.defaults = defaults;
        this.bySymbol = new HashMap<>(bySymbol);
    }

    public static Instruments withDefaults(InstrumentSpec defaults) {
        return new Instruments(defaults, Map.of());
    }

    public InstrumentSpec get(String symbol) {
        InstrumentSpec spec = bySymbol.get(symbol);
        return spec != null ? spec : defaults;
    }

    /** Reads per-symbol overrides on top of {@code defaults}; errors name the file, line key and fix. */
    public static Instruments load(Path file, InstrumentSpec defaults) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        Map<String, InstrumentSpec> specs = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException(file + ": key '" + key
                        + "' must be SYMBOL.lot_size, SYMBOL.tick_size or SYMBOL.depth_notional");
            }
            String symbol = key.substring(0, dot);
            String attribute = key.substring(dot + 1);
            double value;
            try {
                value = Double.parseDouble(props.getProperty(key).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": " + key + " must be a number, got '"
                        + props.getProperty(key) + "'");
            }
            InstrumentSpec spec = specs.getOrDefault(symbol, defaults);
            try {
                switch (attribute) {
                    case "lot_size": spec = spec.withLotSize(value); break;
                    case "tick_size": spec = spec.withTickSize(value); break;
                    case "depth_notional": spec = spec.withDepthNotional(value); break;
                    default:
                        throw new IllegalArgumentException("unknown attribute '" + attribute
                                + "' (expected lot_size, tick_size or depth_notional)");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + key + ": " + e.getMessage());
            }
            specs.put(symbol, spec);
        }
        return new Instruments(defaults, specs);
    }
}
