/**
 * Feed gaps on the job's side: the gap records of a live feed (or a replay's {@code gaps.jsonl}), and the
 * marking of the candles they touch ({@code gap} of extended.md's "Provenance").
 */
package com.supercandles.gap;
