package com.supercandles.jobs.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The line of each key, for every way a properties file can write one. */
class ConfigFileTest {
    private static final List<String> FILE = List.of(
            "# a comment that ends with a backslash does not continue \\",
            "plain=1",                       // 2
            "",
            "   indented = 2",               // 4
            "colon:3",                       // 5
            "space 4",                       // 6
            "long=a,\\",                     // 7: continues on 8 and 9
            "   b,\\",
            "   c",
            "! another comment",
            "escaped\\:key=5",               // 11
            "ends.with.backslashes=\\\\",    // 12: an escaped backslash, no continuation
            "next=6",                        // 13
            "plain=again");                  // 14: the last setting wins, as in Properties

    @Test
    void eachKeyIsOnTheFirstLineOfItsLastSetting() {
        assertThat(ConfigFile.lineOfEachKey(FILE)).isEqualTo(Map.of("plain", 14, "indented", 4, "colon", 5,
                "space", 6, "long", 7, "escaped:key", 11, "ends.with.backslashes", 12, "next", 13));
    }

    @Test
    void theKeysWithLinesAreTheKeysPropertiesReads(@TempDir Path tmp) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(String.join("\n", FILE)));
        assertThat(ConfigFile.lineOfEachKey(FILE).keySet()).isEqualTo(p.stringPropertyNames());

        Path file = Files.writeString(tmp.resolve("x.properties"), String.join("\n", FILE));
        ConfigFile read = ConfigFile.read(file);
        assertThat(read.values()).containsEntry("long", "a,b,c").containsEntry("plain", "again");
        assertThat(read.where("long")).isEqualTo(file + ":7");
        assertThat(read.where("absent")).isNull();
    }
}
