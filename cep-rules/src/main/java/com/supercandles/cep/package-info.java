/**
 * Watchdog and sequence rules built on timers and flink-cep (see {@code shared/spec/analytics.md},
 * "Watchdogs"): stale feeds, latency, data quality, order behaviour, candle sequences. Empty until the
 * watchdog issue lands; the module exists so that the job's layout is the product's agreed one.
 */
package com.supercandles.cep;
