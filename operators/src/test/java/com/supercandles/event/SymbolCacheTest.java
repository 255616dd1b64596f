package com.supercandles.event;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolCacheTest {
    private static String read(SymbolCache cache, String text) {
        // the text inside a longer record, as the scanner finds it
        byte[] bytes = ("{\"symbol\":\"" + text + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        return cache.get(bytes, 11, text.length());
    }

    /**
     * Numbered symbols differ in their last characters only, where a polynomial hash differs little: each
     * must still come back as one instance (the first, direct-mapped version returned a new String for two
     * thirds of these at each event).
     */
    @Test
    void everySymbolOfANumberedUniverseComesBackAsOneInstance() {
        SymbolCache cache = new SymbolCache();
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            first.add(read(cache, String.format("SIM%04d", i)));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10_000; i++) {
                String again = read(cache, String.format("SIM%04d", i));
                assertThat(again).isEqualTo(String.format("SIM%04d", i));
                assertThat(again).as("SIM%04d", i).isSameAs(first.get(i));
            }
        }
    }

    @Test
    void textsBeyondTheBoundAreReadButNotKept() {
        SymbolCache cache = new SymbolCache();
        for (int i = 0; i < SymbolCache.MAX_SYMBOLS; i++) {
            read(cache, "K" + i);
        }
        String late = read(cache, "LATE");
        assertThat(late).isEqualTo("LATE");
        assertThat(read(cache, "LATE")).isEqualTo("LATE").isNotSameAs(late);
        assertThat(read(cache, "K7")).isSameAs(read(cache, "K7"));
    }

    @Test
    void latin1BytesAboveAsciiAreOneInstanceToo() {
        SymbolCache cache = new SymbolCache();
        String s = read(cache, "CAF\u00c9");
        assertThat(s).isEqualTo("CAF\u00c9");
        assertThat(read(cache, "CAF\u00c9")).isSameAs(s);
    }
}
