package com.supercandles.jobs;

import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.ReplayFiles;

import com.supercandles.output.Outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.candle.Period;
import com.supercandles.jobs.train.CandleSeries;
import com.supercandles.score.ModelDirectory;
import com.supercandles.jobs.train.Trainer;
import com.supercandles.score.CandleFeatures;
import com.supercandles.score.ModelBar;
import com.supercandles.score.ScoreModel;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/**
 * The model score end to end on the recorded Bitstamp week (about 9,400 one-minute candles): {@code train}
 * on a replay's candles, then {@code replay --model}: the job's score of every candle equals the offline
 * {@code score} command's, bit for bit; the trees' walker equals XGBoost's own prediction; labels shuffled
 * in time leave nothing to learn; too little data and a model of other features are refused.
 */
class ModelScoreReplayTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Path WEEK = RecordedDataReplayTest.sharedData().resolve("bitstamp-btcusd-2013-11-25");
    @TempDir
    static Path tmp;
    private static Path candles;
    private static Path model;
    private static String trainOutput;

    @BeforeAll
    static void trainOnTheReplaysCandles() throws Exception {
        candles = tmp.resolve("week.jsonl");
        Replay.run(new SuperCandlesSettings().periods(Period.parseList("1m")), WEEK, ReplayFiles.of(candles, tmp.resolve("week.dead-letters.jsonl")), null, 1);
        model = tmp.resolve("model-week");
        trainOutput = cli(0, "train", "--candles", candles.toString(), "--out", model.toString());
    }

    /** Runs the CLI, expects {@code code}, returns what it printed (stdout then stderr). */
    static String cli(int code, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = SuperCandlesCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(printed).isEqualTo(code);
        return printed;
    }

    private static Map<String, String> byCandle(Path file) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode j = JSON.readTree(line);
            out.put(j.get("symbol").asText() + "@" + j.get("window_start").asLong(), line);
        }
        return out;
    }

    @Test
    void theJobsScoresEqualTheOfflineScoresBitForBit() throws Exception {
        Path out = tmp.resolve("live.jsonl");
        Path scores = tmp.resolve("live.scores.jsonl");
        Path alerts = tmp.resolve("live.alerts.jsonl");
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("1m,5m"))
                .watchdogs(new WatchdogSettings()).scoreModel(ModelDirectory.read(model));
        Replay.Summary s = Replay.run(settings, WEEK, ReplayFiles.of(out, tmp.resolve("live.dead-letters.jsonl")).with(Outputs.SIGNALS, tmp.resolve("live.signals.jsonl")).with(Outputs.ALERTS, alerts).with(Outputs.SCORES, scores), null, 2);
        Path offline = tmp.resolve("offline.scores.jsonl");
        cli(0, "score", "--model", model.toString(), "--candles", candles.toString(), "--out", offline.toString());

        Map<String, String> job = byCandle(scores);
        Map<String, String> tool = byCandle(offline);
        long minuteCandles = Files.readAllLines(candles).size();
        assertThat(job).hasSize((int) minuteCandles);
        assertThat(job).isEqualTo(tool); // the same text: every double the same bits
        assertThat(s.records(Outputs.SCORES)).isEqualTo(minuteCandles);

        // the phase is judged from the first candle with every feature defined (the 20th), over 20 of them
        List<JsonNode> inOrder = new ArrayList<>();
        for (String line : Files.readAllLines(scores)) {
            inOrder.add(JSON.readTree(line));
        }
        inOrder.sort((a, b) -> Long.compare(a.get("window_start").asLong(), b.get("window_start").asLong()));
        int first = CandleFeatures.WARM_UP - 1 + ModelDirectory.read(model).phase.window - 1;
        for (int i = 0; i < first; i++) {
            assertThat(inOrder.get(i).get("phase_error").isNull()).as("candle %d", i).isTrue();
        }
        assertThat(inOrder.get(first).get("phase_error").isNull()).isFalse();

        // one alert per band change, reading like the contract's example
        long bandChanges = job.values().stream().filter(l -> l.contains("\"band_changed\":true")).count();
        List<JsonNode> bandAlerts = new ArrayList<>();
        for (JsonNode a : CandleAssertions.readLines(alerts)) {
            if (a.get("rule").asText().equals("model_score")) {
                bandAlerts.add(a);
            }
        }
        assertThat(bandChanges).isGreaterThan(10);
        assertThat((long) bandAlerts.size()).isEqualTo(bandChanges);
        for (JsonNode a : bandAlerts) {
            String m = a.get("message").asText();
            assertThat(m).matches(a.get("state").asText().equals("FIRING")
                    ? "BTCUSD [0-9,]+(\\.[0-9]+)? (\uD83D\uDCC8+|\uD83D\uDCC9+) Score: -?[01]\\.[0-9]{2}"
                    : "BTCUSD [0-9,]+(\\.[0-9]+)? Score: -?0\\.[0-9]{2} \\(back within ±0\\.15\\)");
        }
        // the guard decided for each strategy record of the model's period, the 5m ones left out
        long minuteSignals = CandleAssertions.readLines(tmp.resolve("live.signals.jsonl")).stream()
                .filter(r -> r.get("period").asText().equals("1m")).count();
        assertThat(s.records(Outputs.GUARD)).isEqualTo(minuteSignals);
        assertThat(Files.readAllLines(ReplayFiles.besideOther(scores, Outputs.GUARD))).hasSize((int) minuteSignals);
    }

    @Test
    void theTreesWalkerEqualsXGBoostsOwnPrediction() throws Exception {
        ScoreModel m = ModelDirectory.read(model);
        CandleSeries series = CandleSeries.read(candles, Period.parse("1m"));
        List<double[]> rows = new ArrayList<>();
        CandleFeatures features = new CandleFeatures();
        for (ModelBar b : series.bars.get("BTCUSD")) {
            rows.add(features.push(b));
        }
        float[] data = new float[rows.size() * CandleFeatures.COUNT];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < CandleFeatures.COUNT; j++) {
                data[i * CandleFeatures.COUNT + j] = (float) rows.get(i)[j];
            }
        }
        assertThat(trainOutput).contains("scorer: gbt");
        Booster up = XGBoost.loadModel(model.resolve("up.xgboost.json").toString());
        DMatrix matrix = new DMatrix(data, rows.size(), CandleFeatures.COUNT, Float.NaN);
        float[][] predicted = up.predict(matrix);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(m.up.probability(rows.get(i))).as("row %d", i).isCloseTo(predicted[i][0], offset(2e-6));
        }
        matrix.dispose();
        up.dispose();
    }

    /**
     * Why the phase model is PCA: a small dense autoencoder (20 -> k tanh -> 20, Adam) tells candles of
     * another market (Coinbase 2016, Bitstamp 2015) from the week's own later candles no better than PCA
     * does, measured as the AUC of the reconstruction error per candle.
     */
    @Test
    void aDenseAutoencoderTellsAnotherMarketApartNoBetterThanPca() throws Exception {
        List<double[]> week = features(candles);
        int trainEnd = (int) (week.size() * 0.6);
        int validationEnd = (int) (week.size() * 0.8);
        double[][] train = week.subList(0, trainEnd).toArray(new double[0][]);
        double[][] validation = week.subList(trainEnd, validationEnd).toArray(new double[0][]);
        com.supercandles.score.PhaseModel pca = com.supercandles.score.PhaseModel.fit(train, java.util.Collections.singletonList(validation), 0.9, 20, 0.99);
        double[][] z = new double[train.length][];
        for (int i = 0; i < z.length; i++) {
            z[i] = pca.scaling.apply(train[i]);
        }
        DenseAutoencoder ae = new DenseAutoencoder(CandleFeatures.COUNT, pca.components.length, 7);
        ae.train(z, 60, 64, 0.003, 7);

        List<double[]> other = new ArrayList<>();
        for (String day : new String[] {"coinbase-btcusd-2016-05-12", "bitstamp-btcusd-2015-05-01"}) {
            Path out = tmp.resolve(day + ".jsonl");
            Replay.run(new SuperCandlesSettings().periods(Period.parseList("1m")), RecordedDataReplayTest.sharedData().resolve(day), ReplayFiles.of(out, tmp.resolve(day + ".dead.jsonl")), null, 1);
            other.addAll(features(out));
        }
        int n = validation.length + other.size();
        double[] pcaErrors = new double[n];
        double[] aeErrors = new double[n];
        boolean[] isOther = new boolean[n];
        for (int i = 0; i < n; i++) {
            double[] f = i < validation.length ? validation[i] : other.get(i - validation.length);
            pcaErrors[i] = pca.error(f);
            aeErrors[i] = ae.error(pca.scaling.apply(f));
            isOther[i] = i >= validation.length;
        }
        double pcaAuc = com.supercandles.jobs.train.Metrics.auc(pcaErrors, isOther);
        double aeAuc = com.supercandles.jobs.train.Metrics.auc(aeErrors, isOther);
        System.out.printf("phase model: AUC of the reconstruction error, another market vs the week's own: PCA (%d"
                + " components) %.3f, dense autoencoder %.3f%n", pca.components.length, pcaAuc, aeAuc);
        assertThat(pcaAuc).isGreaterThan(0.7);
        assertThat(aeAuc - pcaAuc).isLessThan(0.03);
    }

    /** Each candle's features, in window order (one symbol per file here). */
    private static List<double[]> features(Path candleFile) throws Exception {
        List<double[]> out = new ArrayList<>();
        for (List<ModelBar> bars : CandleSeries.read(candleFile, Period.parse("1m")).bars.values()) {
            CandleFeatures f = new CandleFeatures();
            for (ModelBar b : bars) {
                out.add(f.push(b));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static double auc(Trainer.Result r, String model, String label) {
        Map<String, Object> metrics = (Map<String, Object>) r.report.get("metrics");
        Map<String, Object> validation = (Map<String, Object>) ((Map<String, Object>) metrics.get(model)).get("validation");
        return (Double) ((Map<String, Object>) validation.get(label)).get("auc");
    }

    @Test
    void labelsShuffledInTimeLeaveNothingToLearn() throws Exception {
        CandleSeries series = CandleSeries.read(candles, Period.parse("1m"));
        Trainer.Settings real = new Trainer.Settings();
        Trainer.Result trained = new Trainer(real).train(series, "real");
        assertThat(auc(trained, "gbt", "up")).isGreaterThan(0.6); // there is something to learn ...
        for (long seed : new long[] {1, 2}) {
            Trainer.Settings shuffled = new Trainer.Settings();
            shuffled.shuffleLabels = seed;
            Trainer.Result r = new Trainer(shuffled).train(series, "shuffled");
            for (String m : new String[] {"gbt", "linear"}) {
                for (String label : new String[] {"up", "down"}) {
                    assertThat(auc(r, m, label)).as(m + " " + label + " seed " + seed).isCloseTo(0.5, offset(0.06));
                }
            }
        }
    }

    @Test
    void tooLittleDataAndForeignModelsAreRefusedWithWhatToDo() throws Exception {
        Path few = tmp.resolve("few.jsonl");
        Files.write(few, Files.readAllLines(candles).subList(0, 400));
        assertThat(cli(SuperCandlesCli.USAGE, "train", "--candles", few.toString(), "--out", tmp.resolve("m-few").toString()))
                .contains("too little data to train: 400 candles of 1m")
                .contains("Record a longer period");
        assertThat(tmp.resolve("m-few")).doesNotExist();

        assertThat(cli(SuperCandlesCli.FAILED, "replay", "--input", WEEK.toString(), "--out",
                tmp.resolve("x.jsonl").toString(), "--period", "1m", "--model", tmp.resolve("nowhere").toString()))
                .contains("no model at").contains("bin/supercandles train");

        Path foreign = tmp.resolve("model-foreign");
        Files.createDirectories(foreign);
        for (String f : new String[] {"up.xgboost.json", "down.xgboost.json"}) {
            Files.copy(model.resolve(f), foreign.resolve(f));
        }
        Files.writeString(foreign.resolve("model.json"), Files.readString(model.resolve("model.json"))
                .replace("\"version\" : " + CandleFeatures.VERSION, "\"version\" : " + (CandleFeatures.VERSION + 1)));
        assertThatThrownBy(() -> ModelDirectory.read(foreign)).hasMessageContaining("train it again");

        assertThat(cli(SuperCandlesCli.USAGE, "replay", "--input", WEEK.toString(), "--out",
                tmp.resolve("y.jsonl").toString(), "--period", "5m", "--model", model.toString()))
                .contains("scores candles of 1m").contains("add 1m to the periods");
        // a refused output is a usage error, like every output that would overwrite something
        assertThat(cli(SuperCandlesCli.USAGE, "train", "--candles", candles.toString(), "--out", model.toString()))
                .contains("exists and is not empty");
    }
}
