/**
 * Input formats of the venues quants hold data from (Binance's public archives, tardis.dev CSV,
 * LOBSTER, the MOEX full order log, Databento MBO): each file becomes this project's {@code
 * MarketEvent}s of the three streams, as {@code ParsedRecord}s, read as a stream (a {@code .gz} or a
 * {@code .zip} with one CSV is read directly, never unpacked to disk).
 *
 * <p>The pieces: a {@link com.supercandles.venue.VenueReader} per file reads rows into
 * {@link com.supercandles.venue.VenueItem}s (an event, a rejected row, or one exchange message's
 * {@link com.supercandles.venue.BookChange}); {@link com.supercandles.venue.TimeMerge} merges the
 * files of one input by time; {@link com.supercandles.venue.MarketAssembler} turns book changes into
 * snapshots ({@link com.supercandles.venue.BookRebuilder}) and, on request, into a derived order log
 * ({@link com.supercandles.venue.DerivedOrders}). {@link com.supercandles.venue.VenueInput} is the
 * whole of it for one {@code --format} and {@code --input}; {@link com.supercandles.venue.VenueBulkFormat}
 * runs it inside Flink's file source, one stream per source.
 */
package com.supercandles.venue;
