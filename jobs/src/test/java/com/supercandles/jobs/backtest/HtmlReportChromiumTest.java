package com.supercandles.jobs.backtest;

import com.supercandles.signal.SignalSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report as a browser shows it: headless Chromium, with no network, parses the page into the DOM the
 * report wrote (every chart, curve and marker) and paints the markers in their colours.
 */
class HtmlReportChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long MINUTE = 60_000;

    @Test
    void chromiumShowsTheChartsAndTheTradeMarkers(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: no Chromium at /usr/bin/chromium (bin/test installs it: apt-get install chromium)");
        long start = Instant.parse("2015-05-01T00:00:00Z").toEpochMilli();
        // long for 20 bars, short for 20, flat for 20: a third of the trades of each kind
        SyntheticSignals bars = new SyntheticSignals("BTCUSD", "1m", MINUTE, SyntheticSignals.contiguous(start, MINUTE, 300))
                .strategy("disb", i -> i % 60 < 20 ? 1 : i % 60 < 40 ? -1 : 0)
                .strategy("levels", i -> 0);
        Path signals = bars.appendTo(tmp.resolve("signals.jsonl"));
        String html = HtmlReport.render(StrategySeries.read(signals),
                new BacktestParameters("Backtest in Chromium", "synthetic records", new SignalSettings()));
        Path report = Files.writeString(tmp.resolve("report.html"), html);

        String dom = chromium(tmp, "--dump-dom", report);
        for (String element : List.of("<svg class=\"chart\"", "<polyline ", "class=\"trade long-entry\"",
                "class=\"trade short-entry\"", "class=\"trade exit\"", "class=\"x-tick\"", "class=\"axis-title x\"")) {
            assertThat(count(dom, element)).as(element).isEqualTo(count(html, element)).isPositive();
        }
        assertThat(count(html, "class=\"trade long-entry\"")).isEqualTo(5 + 1); // 5 in the chart, 1 in the legend

        Path png = tmp.resolve("report.png");
        chromium(tmp, "--screenshot=" + png, report);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG at " + png).isNotNull();
        Set<Integer> colours = new HashSet<>();
        int longEntry = 0;
        int shortEntry = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                longEntry += rgb == 0x1a9850 ? 1 : 0;
                shortEntry += rgb == 0xd73027 ? 1 : 0;
            }
        }
        assertThat(colours.size()).as("distinct colours").isGreaterThan(100);
        // a triangle's inside is a solid 20-odd px: markers were painted, not only the legend's one
        assertThat(longEntry).as("long-entry green pixels").isGreaterThan(6 * 15);
        assertThat(shortEntry).as("short-entry red pixels").isGreaterThan(6 * 15);
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Runs headless Chromium on the file with {@code action}; returns what it printed. */
    private static String chromium(Path tmp, String action, Path page) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"), "--window-size=1000,2600", action,
                page.toUri().toString()));
        Path out = tmp.resolve("chromium.out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(tmp.resolve("chromium.err").toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + command);
        }
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("chromium.err"))).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
