package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files of {@code docker/}, checked as files (no Docker engine here): the compose file by
 * the compose-spec schema, every image built here or an official one with a pinned tag, every path
 * they name present in the repository, every Flink key one Flink 2.2 knows, secrets only from the
 * environment; the Kubernetes FlinkDeployment's shape for the operator, its jar, entry class and
 * arguments.
 */
class DeploymentFilesTest {
    static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
    static final Path DOCKER = ROOT.resolve("docker");
    static final YAMLMapper YAML = new YAMLMapper();
    /** Official images: Docker Official Images and those published by the projects themselves. */
    static final Pattern OFFICIAL = Pattern.compile(
            "(flink|maven|apache/kafka|clickhouse/clickhouse-server|grafana/grafana):(\\d+(\\.\\d+)+)([-.\\w]*)");

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
        // score.model names the demo model where the JobManager's container has it (mounted from
        // jobs/src/main/resources/demo-model): here the same files, so the model loads for compose's periods
        String model = "/opt/supercandles/models/demo-10s";
        assertThat(Files.readString(DOCKER.resolve("live.properties"))).contains("score.model=" + model);
        LiveConfig config = LiveConfig.load(DOCKER.resolve("live.properties"),
                Map.of("score.model", Paths.get("..", "jobs", "src", "main", "resources", "demo-model").toString()), env::get);
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
        for (Map.Entry<String, String> k : keys.entrySet()) {
            assertThat(known).as(k.getValue() + ": " + k.getKey()).contains(k.getKey());
        }
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
        for (LiveConfig.Key k : LiveConfig.KEYS) {
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

    private static JsonNode flinkDeployment() throws IOException {
        for (JsonNode doc : YAML.readValues(YAML.createParser(DOCKER.resolve("kubernetes/supercandles.yaml").toFile()),
                JsonNode.class).readAll()) {
            if (doc.get("kind").asText().equals("FlinkDeployment")) {
                return doc;
            }
        }
        throw new AssertionError("no FlinkDeployment in kubernetes/supercandles.yaml");
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
