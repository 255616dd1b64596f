package com.supercandles.jobs;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.commands.BrokerCommand;
import com.supercandles.jobs.commands.LiveCommand;
import com.supercandles.jobs.config.ConfigKey;
import com.supercandles.jobs.config.LiveConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deployment files of {@code docker/}, checked as files (no Docker engine here): the compose file by
 * the compose-spec schema, every image built here or an official one with a pinned tag, every path
 * they name present in the repository, every Flink key one Flink 2.2 knows, secrets only from the
 * environment; the Kubernetes FlinkDeployment's shape for the operator, its jar, entry class and
 * arguments. And what a crash, a recreated container or a fresh cluster needs (issue 23): Kafka's log on
 * its volume, restart policies, Grafana's read-only account and pinned plugin, ports on loopback, every
 * topic of the job created before it starts (compose, Kubernetes, {@code broker}), the claim's storage
 * class and fsGroup, the JobManager waiting for topics and migrations.
 */
class DeploymentFilesTest {
    static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
    static final Path DOCKER = ROOT.resolve("docker");
    static final YAMLMapper YAML = new YAMLMapper();
    /** Official images: Docker Official Images and those published by the projects themselves. */
    static final Pattern OFFICIAL = Pattern.compile(
            "(flink|maven|apache/kafka|clickhouse/clickhouse-server|grafana/grafana|prom/prometheus):v?(\\d+(\\.\\d+)+)([-.\\w]*)");

    private static JsonNode compose() throws IOException {
        return YAML.readTree(DOCKER.resolve("docker-compose.yml").toFile());
    }

    @Test
    void theComposeFilePassesTheComposeSpec() throws IOException {
        assertThat(JsonSchemas.problems("compose-spec/compose-spec.json", null, compose())).isEmpty();
    }

    @Test
    void everyImageIsBuiltHereOrAnOfficialOneWithAPinnedTagAndEveryPathExists() throws IOException {
        JsonNode services = compose().get("services");
        Set<String> built = new HashSet<>();
        services.forEach(s -> {
            if (s.has("build")) {
                built.add(s.get("image").asText());
            }
        });
        assertThat(built).containsExactly("supercandles:0.1.0");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("kafka", "clickhouse", "migrate", "jobmanager", "taskmanager", "market", "grafana");
        for (String name : names) {
            JsonNode s = services.get(name);
            String image = s.get("image").asText();
            assertThat(built.contains(image) || OFFICIAL.matcher(image).matches())
                    .as(name + ": " + image + " is built here or official with a pinned version").isTrue();
            if (s.has("build")) {
                Path context = DOCKER.resolve(s.get("build").get("context").asText()).normalize();
                assertThat(context.resolve(s.get("build").get("dockerfile").asText())).as(name + ": Dockerfile").isRegularFile();
            }
            for (JsonNode volume : s.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DOCKER.resolve(source).normalize()).as(name + ": mounts " + source).exists();
                }
            }
        }
        // the Dockerfile's base images and the files it copies
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            if (line.startsWith("FROM ")) {
                assertThat(OFFICIAL.matcher(line.split("\\s+")[1]).matches()).as(line).isTrue();
            }
            if (line.startsWith("COPY ") && !line.startsWith("COPY --from")) {
                assertThat(ROOT.resolve(line.split("\\s+")[1])).as(line).exists();
            }
        }
        assertThat(Files.readString(DOCKER.resolve("Dockerfile")))
                .contains("COPY --from=build /src/jobs/target/supercandles-jobs.jar /opt/flink/usrlib/supercandles-jobs.jar");
    }

    @Test
    void secretsComeFromTheEnvironmentAndTheJobConfigurationLoads() throws Exception {
        String text = Files.readString(DOCKER.resolve("docker-compose.yml"));
        Matcher secret = Pattern.compile("(?m)^\\s*(\\w*PASSWORD\\w*): (.*)$").matcher(text);
        int secrets = 0;
        while (secret.find()) {
            assertThat(secret.group(2)).as(secret.group(1)).startsWith("${").contains(":?");
            secrets++;
        }
        assertThat(secrets).isGreaterThanOrEqualTo(5);
        assertThat(Files.readString(DOCKER.resolve(".gitignore")).lines()).contains(".env");
        assertThat(Files.readString(DOCKER.resolve(".env.example"))).contains("CLICKHOUSE_PASSWORD=");
        // the job's configuration: every key known, the password resolved from the environment only
        Map<String, String> env = Map.of("CLICKHOUSE_USER", "u", "CLICKHOUSE_PASSWORD", "from-the-environment");
        // score.model names the demo model where the job image has it (the Dockerfile copies
        // operators/src/main/resources/demo-model there): here the same files, so the model loads for compose's periods
        String model = "/opt/supercandles/models/demo-10s";
        assertThat(Files.readString(DOCKER.resolve("live.properties"))).contains("score.model=" + model);
        assertThat(Files.readString(DOCKER.resolve("Dockerfile")))
                .contains("COPY operators/src/main/resources/demo-model " + model);
        LiveConfig config = LiveConfig.load(DOCKER.resolve("live.properties"),
                Map.of("score.model", Paths.get("..", "operators", "src", "main", "resources", "demo-model").toString()), env::get);
        assertThat(config.settings().scoreModel()).as("compose scores with the demo model").isNotNull();
        assertThat(config.get("clickhouse.password")).isEqualTo("from-the-environment");
        assertThat(config.get("bootstrap.servers")).isEqualTo("kafka:9092");
        assertThat(Files.readString(DOCKER.resolve("live.properties"))).contains("clickhouse.password=${env:CLICKHOUSE_PASSWORD}");
    }

    @Test
    void everyFlinkKeyIsOneFlink22Knows() throws IOException {
        Set<String> known = flinkKeys();
        assertThat(known).contains("state.backend.type", "execution.checkpointing.dir", "taskmanager.numberOfTaskSlots");
        Map<String, String> keys = new LinkedHashMap<>();
        JsonNode compose = compose();
        for (String line : compose.get("x-flink-properties").get("FLINK_PROPERTIES").asText().split("\n")) {
            if (!line.isBlank()) {
                keys.put(line.substring(0, line.indexOf(':')).trim(), "docker-compose.yml");
            }
        }
        JsonNode deployment = flinkDeployment();
        deployment.get("spec").get("flinkConfiguration").fieldNames().forEachRemaining(k -> keys.put(k, "FlinkDeployment"));
        assertThat(keys).hasSizeGreaterThan(10);
        Set<String> reporterOptions = reporterOptions();
        for (Map.Entry<String, String> k : keys.entrySet()) {
            Matcher reporter = REPORTER_KEY.matcher(k.getKey());
            if (reporter.matches()) {
                assertThat(reporterOptions).as(k.getValue() + ": " + k.getKey() + ", an option of a metric reporter")
                        .contains(reporter.group(2));
            } else if (k.getKey().startsWith(AUTOSCALER_PREFIX)) {
                assertThat(AUTOSCALER_KEYS).as(k.getValue() + ": " + k.getKey() + ", a key of the operator's autoscaler")
                        .contains(k.getKey().substring(AUTOSCALER_PREFIX.length()));
            } else {
                assertThat(known).as(k.getValue() + ": " + k.getKey()).contains(k.getKey());
            }
        }
    }

    /** {@code metrics.reporter.NAME.OPTION}. */
    static final Pattern REPORTER_KEY = Pattern.compile("metrics\\.reporter\\.(\\w+)\\.(.+)");
    static final String PROMETHEUS_FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    /**
     * What may follow {@code metrics.reporter.NAME.}: the options Flink reads for every reporter (MetricOptions'
     * keys without the {@code metrics.} prefix: factory.class, interval, scope.*, filter.*) and the arguments the
     * Prometheus reporter's factory reads itself (its {@code ARG_PORT}; Flink 2.2 declares no option class for it).
     */
    static Set<String> reporterOptions() throws IOException {
        Set<String> options = new HashSet<>();
        Set<String> metricOptions = new HashSet<>();
        collect("org.apache.flink.configuration.MetricOptions", metricOptions);
        for (String k : metricOptions) {
            if (!k.startsWith("metrics.")) {
                options.add(k);
            }
        }
        assertThat(options).contains("factory.class", "interval");
        try {
            Field port = Class.forName(PROMETHEUS_FACTORY).getDeclaredField("ARG_PORT");
            port.setAccessible(true);
            options.add((String) port.get(null));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the Prometheus reporter's factory " + PROMETHEUS_FACTORY + " (flink-metrics-prometheus)", e);
        }
        options.add("filterLabelValueCharacters"); // read by the Prometheus reporter's open(), documented beside port
        return options;
    }

    static final String AUTOSCALER_PREFIX = "job.autoscaler.";
    /**
     * Every key of the Flink Kubernetes Operator 1.15.0's autoscaler, after {@code job.autoscaler.}: the
     * {@code autoScalerConfig("...")} options of flink-autoscaler's AutoScalerOptions at the tag release-1.15.0
     * (the artifact is not on Maven Central to read them from here).
     */
    static final Set<String> AUTOSCALER_KEYS = Set.of("backlog-processing.lag-threshold", "catch-up.duration", "enabled",
            "excluded.periods", "flink.rest-client.timeout", "history.max.age", "history.max.count",
            "memory.gc-pressure.threshold", "memory.heap-usage.threshold", "memory.tuning.enabled",
            "memory.tuning.maximize-managed-memory", "memory.tuning.overhead",
            "memory.tuning.scale-down-compensation.enabled", "metrics.busy-time.aggregator", "metrics.window",
            "observed-scalability.coefficient-min", "observed-scalability.enabled",
            "observed-scalability.min-observations", "observed-true-processing-rate.lag-threshold",
            "observed-true-processing-rate.min-observations", "observed-true-processing-rate.switch-threshold",
            "quota.cpu", "quota.memory", "restart.time", "restart.time-tracking.enabled", "restart.time-tracking.limit",
            "scale-down.interval", "scale-down.max-factor", "scale-up.max-factor",
            "scaling.effectiveness.detection.enabled", "scaling.effectiveness.threshold", "scaling.enabled",
            "scaling.event.interval", "scaling.key-group.partitions.adjust.mode", "stabilization.interval",
            "utilization.max", "utilization.min", "utilization.target", "vertex.exclude.ids", "vertex.max-parallelism",
            "vertex.min-parallelism");

    /** The first port of a reporter's port setting ("9249-9250" or "9249"). */
    private static int firstPort(String range) {
        Matcher m = Pattern.compile("(\\d+)(-(\\d+))?").matcher(range.trim());
        assertThat(m.matches()).as("a port or a port range: " + range).isTrue();
        if (m.group(3) != null) {
            assertThat(Integer.parseInt(m.group(3))).as(range + ": a range upwards").isGreaterThan(Integer.parseInt(m.group(1)));
        }
        return Integer.parseInt(m.group(1));
    }

    private static Map<String, String> composeFlinkProperties() throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        for (String line : compose().get("x-flink-properties").get("FLINK_PROPERTIES").asText().split("\n")) {
            if (!line.isBlank()) {
                props.put(line.substring(0, line.indexOf(':')).trim(), line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return props;
    }

    /**
     * The Prometheus reporter is on wherever the job runs on a cluster (compose, the FlinkDeployment, the
     * standalone cluster), with a factory that exists, a port range (a JobManager and a TaskManager on one host
     * take one port each), and in compose a Prometheus that scrapes that port of every Flink container and is
     * Grafana's data source for the operations dashboard.
     */
    @Test
    void everyClusterServesPrometheusMetricsAndComposeScrapesThem() throws Exception {
        assertThat(org.apache.flink.metrics.reporter.MetricReporterFactory.class)
                .isAssignableFrom(Class.forName(PROMETHEUS_FACTORY));
        Map<String, String> compose = composeFlinkProperties();
        Map<String, String> k8s = new LinkedHashMap<>();
        flinkDeployment().get("spec").get("flinkConfiguration").fields()
                .forEachRemaining(e -> k8s.put(e.getKey(), e.getValue().asText()));
        for (Map<String, String> conf : List.of(compose, k8s)) {
            assertThat(conf.get("metrics.reporter.prom.factory.class")).isEqualTo(PROMETHEUS_FACTORY);
            assertThat(conf.get("metrics.reporter.prom.port")).contains("-");
        }
        // the standalone cluster: the reporter's jar in lib/ and the keys in its config
        assertThat(Files.readString(DOCKER.resolve("standalone-cluster/pom.xml")))
                .contains("<artifactId>flink-metrics-prometheus</artifactId><version>${flink.version}</version>");
        String script = Files.readString(ROOT.resolve("bin/flink-cluster"));
        assertThat(script).contains("factory.class: " + PROMETHEUS_FACTORY, "port: $METRICS_PORTS");

        // compose: Prometheus scrapes the first port of the range on the JobManager and every TaskManager
        int port = firstPort(compose.get("metrics.reporter.prom.port"));
        JsonNode services = compose().get("services");
        JsonNode prometheus = services.get("prometheus");
        String configFile = null;
        for (JsonNode volume : prometheus.get("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[1].equals("/etc/prometheus/prometheus.yml")) {
                configFile = parts[0];
            }
        }
        assertThat(configFile).as("prometheus: its configuration mounted").isNotNull();
        List<String> command = new ArrayList<>();
        prometheus.get("command").forEach(c -> command.add(c.asText()));
        assertThat(command).contains("--config.file=/etc/prometheus/prometheus.yml");
        JsonNode scrape = YAML.readTree(DOCKER.resolve(configFile).toFile()).get("scrape_configs");
        List<String> targets = new ArrayList<>();
        for (JsonNode job : scrape) {
            job.path("static_configs").forEach(c -> c.get("targets").forEach(t -> targets.add(t.asText())));
            job.path("dns_sd_configs").forEach(c -> c.get("names").forEach(n -> targets.add(n.asText() + ":" + c.get("port").asInt())));
        }
        assertThat(targets).containsExactlyInAnyOrder("jobmanager:" + port, "taskmanager:" + port);
        assertThat(services.has("jobmanager") && services.has("taskmanager")).isTrue();
        // Grafana reads it through the provisioned data source, the one the operations dashboard names
        String url = services.get("grafana").get("environment").get("PROMETHEUS_URL").asText();
        assertThat(url).isEqualTo("http://prometheus:9090");
        assertThat(command).noneMatch(c -> c.startsWith("--web.listen-address")); // the image's :9090
        JsonNode source = YAML.readTree(ROOT.resolve("dashboards/provisioning/datasources/prometheus.yaml").toFile())
                .get("datasources").get(0);
        assertThat(source.get("type").asText()).isEqualTo("prometheus");
        assertThat(source.get("url").asText()).isEqualTo("${PROMETHEUS_URL}");
        JsonNode operations = JsonSchemas.JSON.readTree(ROOT.resolve("dashboards/operations.json").toFile());
        for (JsonNode panel : operations.get("panels")) {
            assertThat(panel.get("datasource").get("uid").asText()).isEqualTo(source.get("uid").asText());
        }
        // Kubernetes: the pods' metrics port is the reporter's
        int k8sPort = firstPort(k8s.get("metrics.reporter.prom.port"));
        JsonNode pod = flinkDeployment().get("spec").get("podTemplate");
        assertThat(pod.get("metadata").get("annotations").get("prometheus.io/port").asText()).isEqualTo(String.valueOf(k8sPort));
        assertThat(pod.get("spec").get("containers").get(0).get("ports").get(0).get("containerPort").asInt()).isEqualTo(k8sPort);
    }

    /**
     * The operator's autoscaler is configured but off, and the key groups allow the parallelisms it may choose:
     * it only picks divisors of pipeline.max-parallelism.
     */
    @Test
    void theAutoscalerIsOffAndTheMaxParallelismHasManyDivisors() throws IOException {
        JsonNode conf = flinkDeployment().get("spec").get("flinkConfiguration");
        assertThat(conf.get("job.autoscaler.enabled").asText()).isEqualTo("false");
        int max = conf.get("pipeline.max-parallelism").asInt();
        int parallelism = flinkDeployment().get("spec").get("job").get("parallelism").asInt();
        int slots = conf.get("taskmanager.numberOfTaskSlots").asInt();
        assertThat(max % parallelism).as("the job's parallelism divides " + max).isZero();
        for (int n : new int[] {1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24}) {
            assertThat(max % n).as(n + " divides " + max).isZero();
        }
        assertThat(max % slots).isZero();
        int vertexMax = conf.get("job.autoscaler.vertex.max-parallelism").asInt();
        assertThat(max % vertexMax).as("the autoscaler's ceiling divides the key groups").isZero();
    }

    @Test
    void theFlinkDeploymentRunsTheImagesJarInApplicationModeWithSavepointUpgrades() throws Exception {
        JsonNode d = flinkDeployment();
        assertThat(d.get("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        JsonNode spec = d.get("spec");
        assertThat(spec.get("flinkVersion").asText()).isEqualTo("v2_2");
        assertThat(spec.get("flinkConfiguration").get("state.backend.type").asText()).isEqualTo("rocksdb");
        JsonNode job = spec.get("job");
        assertThat(job.get("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.get("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/supercandles-jobs.jar");
        assertThat(Class.forName(job.get("entryClass").asText())).isEqualTo(LiveJobEntry.class);
        // checkpoints and savepoints on the mounted volume
        String mount = spec.get("podTemplate").get("spec").get("containers").get(0).get("volumeMounts").get(0)
                .get("mountPath").asText();
        assertThat(spec.get("flinkConfiguration").get("execution.checkpointing.dir").asText()).startsWith("file://" + mount);
        assertThat(spec.get("flinkConfiguration").get("execution.checkpointing.savepoint-dir").asText())
                .startsWith("file://" + mount);
        // the arguments are the live command's: known keys, each with a value, the password from the environment
        Set<String> liveKeys = new HashSet<>();
        for (ConfigKey k : LiveConfig.KEYS) {
            liveKeys.add(k.name);
        }
        JsonNode args = job.get("args");
        assertThat(args.size() % 2).isZero();
        for (int i = 0; i < args.size(); i += 2) {
            assertThat(args.get(i).asText()).startsWith("--");
            assertThat(liveKeys).contains(args.get(i).asText().substring(2));
            if (args.get(i).asText().equals("--clickhouse.password")) {
                assertThat(args.get(i + 1).asText()).isEqualTo("${env:CLICKHOUSE_PASSWORD}");
            }
        }
    }

    // ---- issue 23: what a crash, a recreated container or a fresh cluster would have shown ----

    /** The apache/kafka image writes its log under /tmp unless KAFKA_LOG_DIRS names another directory. */
    @Test
    void kafkasLogDirectoryIsTheMountedVolume() throws IOException {
        JsonNode kafka = compose().get("services").get("kafka");
        JsonNode logDirs = kafka.get("environment").get("KAFKA_LOG_DIRS");
        assertThat(logDirs).as("kafka: KAFKA_LOG_DIRS (else the log lives in the container's /tmp)").isNotNull();
        Set<String> namedVolumeTargets = new HashSet<>();
        for (JsonNode volume : kafka.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (!parts[0].startsWith(".") && !parts[0].startsWith("/")) {
                namedVolumeTargets.add(parts[1]);
            }
        }
        for (String dir : logDirs.asText().split(",")) {
            assertThat(namedVolumeTargets).as("kafka: log directory " + dir + " is a named volume's mount point")
                    .contains(dir.trim());
        }
    }

    /**
     * A one-shot service is one another service waits for to complete; every other one must come back
     * after a crash or a reboot of the Docker host.
     */
    @Test
    void everyLongRunningServiceRestartsAfterACrashAndTheOneShotsRunOnce() throws IOException {
        JsonNode services = compose().get("services");
        Set<String> oneShots = new HashSet<>();
        services.forEach(s -> s.path("depends_on").fields().forEachRemaining(d -> {
            if (d.getValue().path("condition").asText().equals("service_completed_successfully")) {
                oneShots.add(d.getKey());
            }
        }));
        assertThat(oneShots).containsExactlyInAnyOrder("topics", "migrate");
        List<String> longRunning = new ArrayList<>();
        services.fieldNames().forEachRemaining(name -> {
            String restart = services.get(name).path("restart").asText("");
            if (oneShots.contains(name)) {
                assertThat(restart).as(name + " runs once").isEqualTo("no");
            } else {
                longRunning.add(name);
                assertThat(restart).as(name + ": restart policy").isIn("always", "unless-stopped");
            }
        });
        assertThat(longRunning).contains("kafka", "clickhouse", "jobmanager", "taskmanager", "grafana", "market");
    }

    /**
     * A restarted JobManager runs the job's main again: without a restore it would start from the committed
     * offsets with empty windows and emit partial candles; with {@code latest} the very first start would fail.
     */
    @Test
    void theJobManagerResumesFromItsNewestCheckpointWhenThereIsOne(@TempDir Path checkpoints) throws Exception {
        List<String> command = new ArrayList<>();
        compose().get("services").get("jobmanager").get("command").forEach(a -> command.add(a.asText()));
        int restore = command.indexOf("--restore");
        assertThat(restore).as("jobmanager: --restore").isNotNegative();
        assertThat(command.get(restore + 1)).isEqualTo("latest-if-any");
        LiveConfig config = LiveConfig.load(null, Map.of("bootstrap.servers", "kafka:9092",
                "checkpoint.dir", checkpoints.toUri().toString()), name -> null);
        assertThat(LiveCommand.restorePath("latest-if-any", config)).as("first start: no state").isNull();
        assertThatThrownBy(() -> LiveCommand.restorePath("latest", config))
                .isInstanceOf(CommandOptions.UsageException.class);
        Path checkpoint = Files.createDirectories(checkpoints.resolve("00000000000000000000000000000000/chk-7"));
        Files.write(checkpoint.resolve("_metadata"), new byte[] {1});
        assertThat(LiveCommand.restorePath("latest-if-any", config)).isEqualTo(checkpoint.toUri().toString());
    }

    /**
     * Grafana only reads: its account is the read-only one the ClickHouse container's init script creates
     * with SELECT on the job's database and nothing else, never the writer the job and migrate use.
     */
    @Test
    void grafanaReadsWithTheReadOnlyAccountTheInitScriptCreatesWithSelectOnly() throws Exception {
        JsonNode services = compose().get("services");
        JsonNode grafana = services.get("grafana").get("environment");
        JsonNode clickhouse = services.get("clickhouse").get("environment");
        assertThat(clickhouse.has("CLICKHOUSE_READER_USER")).as("clickhouse: the reader's account for the init script")
                .isTrue();
        String reader = defaultOf(clickhouse.get("CLICKHOUSE_READER_USER").asText());
        assertThat(defaultOf(grafana.get("CLICKHOUSE_USER").asText())).isEqualTo(reader)
                .isNotEqualTo(defaultOf(clickhouse.get("CLICKHOUSE_USER").asText()));
        assertThat(variableOf(grafana.get("CLICKHOUSE_USER").asText())).isEqualTo("CLICKHOUSE_READER_USER");
        assertThat(variableOf(grafana.get("CLICKHOUSE_PASSWORD").asText())).isEqualTo("CLICKHOUSE_READER_PASSWORD");
        assertThat(variableOf(clickhouse.get("CLICKHOUSE_READER_PASSWORD").asText())).isEqualTo("CLICKHOUSE_READER_PASSWORD");
        // the provisioned data source takes its account from those variables
        JsonNode source = YAML.readTree(ROOT.resolve("dashboards/provisioning/datasources/clickhouse.yaml").toFile())
                .get("datasources").get(0);
        assertThat(source.get("jsonData").get("username").asText()).isEqualTo("${CLICKHOUSE_USER}");
        assertThat(source.get("secureJsonData").get("password").asText()).isEqualTo("${CLICKHOUSE_PASSWORD}");
        // one database for the grant, the job and the dashboards
        String database = clickhouse.get("CLICKHOUSE_DB").asText();
        Map<String, String> env = Map.of("CLICKHOUSE_USER", "u", "CLICKHOUSE_PASSWORD", "p");
        Map<String, String> demoModel = Map.of("score.model",
                Paths.get("..", "operators", "src", "main", "resources", "demo-model").toString()); // the image's copy
        assertThat(LiveConfig.load(DOCKER.resolve("live.properties"), demoModel, env::get).get("clickhouse.database"))
                .isEqualTo(database);
        assertThat(grafana.get("CLICKHOUSE_DATABASE").asText()).isEqualTo(database);
        // the init scripts: mounted where the image runs them, executable (else the image sources them
        // into its own entrypoint), and their SQL creates the reader with SELECT on that database only
        String initDir = null;
        for (JsonNode volume : services.get("clickhouse").path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[1].equals("/docker-entrypoint-initdb.d")) {
                initDir = parts[0];
            }
        }
        assertThat(initDir).as("clickhouse: a directory mounted at /docker-entrypoint-initdb.d").isNotNull();
        StringBuilder sql = new StringBuilder();
        try (var files = Files.list(DOCKER.resolve(initDir))) {
            for (Path f : files.sorted().toList()) {
                if (f.toString().endsWith(".sh")) {
                    assertThat(Files.isExecutable(f)).as(f + " is executable").isTrue();
                }
                sql.append(Files.readString(f)).append('\n');
            }
        }
        String user = "\\$\\{CLICKHOUSE_READER_USER}";
        assertThat(Pattern.compile("(?m)^CREATE USER IF NOT EXISTS " + user + " IDENTIFIED").matcher(sql).find())
                .as("the init SQL creates the reader").isTrue();
        Matcher grant = Pattern.compile("(?m)^GRANT (.+) ON (\\S+) TO " + user + ";").matcher(sql);
        List<String> grants = new ArrayList<>();
        while (grant.find()) {
            grants.add(grant.group(1) + " ON " + grant.group(2));
        }
        assertThat(grants).as("the reader's only grant").containsExactly("SELECT ON ${CLICKHOUSE_DB}.*");
        Matcher anyGrant = Pattern.compile("(?im)^\\s*GRANT\\b").matcher(sql);
        int statements = 0;
        while (anyGrant.find()) {
            statements++;
        }
        assertThat(statements).as("no GRANT in another form").isEqualTo(grants.size());
        assertThat(Pattern.compile("(?m)^REVOKE ALL ON \\*\\.\\* FROM " + user + ";").matcher(sql).find())
                .as("nothing granted earlier survives").isTrue();
        assertThat(sql.toString()).doesNotContain("WITH GRANT OPTION", "GRANT ALL");
    }

    /** An unpinned plugin is whatever the plugin catalogue serves the day the container is created. */
    @Test
    void grafanasPluginIsInstalledAtAPinnedVersion() throws IOException {
        JsonNode grafana = compose().get("services").get("grafana").get("environment");
        assertThat(grafana.has("GF_INSTALL_PLUGINS")).as("GF_INSTALL_PLUGINS (Grafana installs it unpinned)").isFalse();
        List<String> plugins = Arrays.asList(grafana.get("GF_PLUGINS_PREINSTALL_SYNC").asText().split(","));
        for (String plugin : plugins) {
            assertThat(plugin.trim()).as("pinned: id@x.y.z").matches("[\\w-]+@\\d+\\.\\d+\\.\\d+");
        }
        String type = YAML.readTree(ROOT.resolve("dashboards/provisioning/datasources/clickhouse.yaml").toFile())
                .get("datasources").get(0).get("type").asText();
        assertThat(plugins).anyMatch(p -> p.trim().startsWith(type + "@"));
    }

    /** A port published on every interface exposes the example passwords to the network. */
    @Test
    void everyPublishedPortIsBoundToLoopbackUnlessAVariableSaysOtherwise() throws IOException {
        Pattern loopback = Pattern.compile("(127\\.0\\.0\\.1|\\$\\{\\w+:-127\\.0\\.0\\.1}):\\d+:\\d+(/tcp)?");
        int published = 0;
        for (var s = compose().get("services").fields(); s.hasNext(); ) {
            var service = s.next();
            for (JsonNode port : service.getValue().path("ports")) {
                assertThat(port.isTextual()).as(service.getKey() + ": ports in the short form").isTrue();
                assertThat(port.asText()).as(service.getKey() + ": host address").matches(loopback);
                published++;
            }
        }
        assertThat(published).isGreaterThanOrEqualTo(3);
    }

    /** The default names of every topic the job reads or writes. */
    private static List<String> jobTopics() {
        List<String> topics = new ArrayList<>();
        for (ConfigKey k : LiveConfig.KEYS) {
            if (LiveConfig.TOPIC_KEYS.contains(k.name)) {
                // the gaps topic is off by default in the job and created for a feed all the same
                topics.add(k.name.equals(LiveConfig.GAPS_TOPIC_KEY) ? LiveConfig.GAPS_TOPIC : k.defaultValue);
            }
        }
        assertThat(topics).hasSameSizeAs(LiveConfig.TOPIC_KEYS);
        return topics;
    }

    /** The topics a {@code for t in ...; do kafka-topics.sh --create ...} loop creates, and its partitions. */
    private static List<String> loopTopics(String script, String where) {
        Matcher loop = Pattern.compile("for t in ([^;]+); do").matcher(script);
        assertThat(loop.find()).as(where + ": a loop over the topics").isTrue();
        assertThat(script).as(where).contains("kafka-topics.sh", "--create", "--if-not-exists", "--topic \"$");
        return Arrays.asList(loop.group(1).trim().split("\\s+"));
    }

    private static int loopPartitions(String script) {
        Matcher partitions = Pattern.compile("--partitions (\\d+)").matcher(script);
        assertThat(partitions.find()).isTrue();
        return Integer.parseInt(partitions.group(1));
    }

    /**
     * With auto-creation off a missing output topic stops the job at start, and a missing input topic restarts
     * its source in a loop: compose, the Kubernetes init container and {@code broker} create all of them.
     */
    @Test
    void composeKubernetesAndBrokerCreateEveryTopicOfTheJob() throws IOException {
        List<String> expected = jobTopics();
        JsonNode compose = compose();
        String script = compose.get("services").get("topics").get("command").get(0).asText();
        assertThat(loopTopics(script, "compose")).containsExactlyInAnyOrderElementsOf(expected);
        int parallelism = 0;
        for (String line : compose.get("x-flink-properties").get("FLINK_PROPERTIES").asText().split("\n")) {
            if (line.startsWith("parallelism.default:")) {
                parallelism = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        assertThat(loopPartitions(script)).as("compose: a partition per source subtask").isGreaterThanOrEqualTo(parallelism)
                .isPositive();
        JsonNode init = initContainer("kafka-topics.sh");
        String k8s = init.get("args").get(0).asText();
        assertThat(loopTopics(k8s, "kubernetes")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(loopPartitions(k8s)).as("kubernetes: a partition per source subtask")
                .isGreaterThanOrEqualTo(flinkDeployment().get("spec").get("job").get("parallelism").asInt());
        assertThat(Arrays.asList(BrokerCommand.defaultTopics().split(","))).containsExactlyElementsOf(expected);
    }

    /** The job's argument after {@code flag} in the FlinkDeployment. */
    private static String jobArgument(String flag) throws IOException {
        JsonNode args = flinkDeployment().get("spec").get("job").get("args");
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).asText().equals(flag)) {
                return args.get(i + 1).asText();
            }
        }
        throw new AssertionError("no " + flag + " in the FlinkDeployment's arguments");
    }

    /** The JobManager's init container whose command line mentions {@code word}. */
    private static JsonNode initContainer(String word) throws IOException {
        JsonNode inits = flinkDeployment().get("spec").path("jobManager").path("podTemplate").path("spec")
                .path("initContainers");
        for (JsonNode c : inits) {
            if ((c.path("command").toString() + c.path("args")).contains(word)) {
                return c;
            }
        }
        throw new AssertionError("no JobManager init container running " + word);
    }

    /**
     * Init containers of the JobManager's pod run to completion before it starts, so the job never starts
     * on missing topics or tables; they reach the same broker and server as the job, as the same user.
     */
    @Test
    void theJobManagerStartsOnlyAfterTheTopicsExistAndClickHouseIsMigrated() throws IOException {
        JsonNode topics = initContainer("kafka-topics.sh");
        assertThat(OFFICIAL.matcher(topics.get("image").asText()).matches()).isTrue();
        assertThat(topics.get("args").get(0).asText()).contains("--bootstrap-server " + jobArgument("--bootstrap.servers") + " ");
        JsonNode migrate = initContainer("migrate");
        assertThat(migrate.get("image").asText()).as("the job's image").isEqualTo(flinkDeployment().get("spec").get("image").asText());
        List<String> args = new ArrayList<>();
        migrate.get("args").forEach(a -> args.add(a.asText()));
        assertThat(args.subList(0, 2)).containsExactly("supercandles", "migrate");
        for (String flag : List.of("--clickhouse.url", "--clickhouse.user", "--clickhouse.password")) {
            assertThat(args).as("migrate " + flag).contains(flag);
            assertThat(args.get(args.indexOf(flag) + 1)).as("migrate " + flag).isEqualTo(jobArgument(flag));
        }
        // the password from the same secret as the job's
        JsonNode main = flinkDeployment().get("spec").get("podTemplate").get("spec").get("containers").get(0);
        assertThat(migrate.get("env")).isEqualTo(main.get("env"));
    }

    /**
     * Most default storage classes are ReadWriteOnce only and leave a ReadWriteMany claim Pending; Flink runs as
     * the image's user flink (uid and gid 9999 in the official images), which must be able to write the volume.
     */
    @Test
    void theSharedVolumeNamesItsStorageClassAndIsWritableByFlink() throws IOException {
        JsonNode claim = kubernetes("PersistentVolumeClaim");
        assertThat(claim.get("spec").get("accessModes").toString()).contains("ReadWriteMany");
        assertThat(claim.get("spec").path("storageClassName").asText("")).as("the claim's storageClassName").isNotBlank();
        JsonNode pod = flinkDeployment().get("spec").get("podTemplate").get("spec");
        assertThat(pod.path("securityContext").path("fsGroup").asInt()).as("fsGroup").isEqualTo(9999);
        assertThat(pod.get("volumes").get(0).get("persistentVolumeClaim").get("claimName").asText())
                .isEqualTo(claim.get("metadata").get("name").asText());
    }

    /**
     * The Flink 2.2 images end with {@code USER flink}: a RUN that creates directories outside Flink's home
     * needs {@code USER root} before it, and the image must go back to flink after it.
     */
    @Test
    void theJobImageCreatesItsDirectoriesAsRootAndRunsAsFlink() throws IOException {
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));
        int base = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM flink:")) {
                base = i;
            }
        }
        assertThat(base).as("the runtime stage on the Flink image").isNotNegative();
        String user = "flink";
        boolean mkdirs = false;
        for (String line : lines.subList(base + 1, lines.size())) {
            if (line.startsWith("USER ")) {
                user = line.substring(5).trim();
            }
            if (line.startsWith("RUN ") && line.contains("mkdir")) {
                assertThat(user).as(line).isEqualTo("root");
                mkdirs = true;
            }
        }
        assertThat(mkdirs).isTrue();
        assertThat(user).as("the user the image runs as").isEqualTo("flink");
    }

    /** {@code ${NAME:-default}} -> default (the value compose uses when the variable is not set). */
    private static String defaultOf(String value) {
        Matcher m = Pattern.compile("\\$\\{\\w+:-([^}]*)}").matcher(value);
        return m.matches() ? m.group(1) : value;
    }

    /** {@code ${NAME...}} -> NAME. */
    private static String variableOf(String value) {
        Matcher m = Pattern.compile("\\$\\{(\\w+)[:}].*").matcher(value);
        assertThat(m.matches()).as(value + " comes from a variable").isTrue();
        return m.group(1);
    }

    private static JsonNode flinkDeployment() throws IOException {
        return kubernetes("FlinkDeployment");
    }

    private static JsonNode kubernetes(String kind) throws IOException {
        for (JsonNode doc : YAML.readValues(YAML.createParser(DOCKER.resolve("kubernetes/supercandles.yaml").toFile()),
                JsonNode.class).readAll()) {
            if (doc.get("kind").asText().equals(kind)) {
                return doc;
            }
        }
        throw new AssertionError("no " + kind + " in kubernetes/supercandles.yaml");
    }

    /** Every configuration key (and its fallback keys) of Flink 2.2's option classes on the classpath. */
    static Set<String> flinkKeys() {
        Set<String> keys = new HashSet<>();
        for (String name : List.of("CoreOptions", "PipelineOptions", "JobManagerOptions", "TaskManagerOptions",
                "RestOptions", "HeartbeatManagerOptions", "HighAvailabilityOptions", "CheckpointingOptions",
                "StateBackendOptions", "StateRecoveryOptions", "RestartStrategyOptions", "DeploymentOptions",
                "ClusterOptions", "WebOptions", "MetricOptions", "SecurityOptions")) {
            collect("org.apache.flink.configuration." + name, keys);
        }
        collect("org.apache.flink.state.rocksdb.RocksDBOptions", keys);
        collect("org.apache.flink.state.rocksdb.RocksDBConfigurableOptions", keys);
        return keys;
    }

    private static void collect(String className, Set<String> keys) {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("Flink option class " + className + " is not on the classpath", e);
        }
        for (Field f : c.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                    keys.add(option.key());
                    for (FallbackKey k : option.fallbackKeys()) {
                        keys.add(k.getKey());
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
