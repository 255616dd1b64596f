package com.supercandles.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Flink's REST API, the few calls the benchmark makes: the same for the MiniCluster it starts (which
 * serves the monitoring API, not the jar upload) and for a standalone or remote cluster.
 */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String base() {
        return base;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    void patch(String path) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(base + path)).method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** Uploads a job jar; returns its id for {@link #run}. */
    String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = UUID.randomUUID().toString();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = answer.path("filename").asText();
        if (file.isEmpty()) {
            throw new IOException(base + "/jars/upload answered without a file name: " + answer);
        }
        return Path.of(file).getFileName().toString();
    }

    /** Runs an uploaded jar's entry class; returns the job id. */
    String run(String jarId, String entryClass, List<String> args, int parallelism)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("entryClass", entryClass);
        ArrayNode list = request.putArray("programArgsList");
        args.forEach(list::add);
        request.put("parallelism", parallelism);
        String job = post("/jars/" + jarId + "/run", request).path("jobid").asText();
        if (job.isEmpty()) {
            throw new IOException("the cluster at " + base + " did not start the job");
        }
        return job;
    }

    String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** The ids of the job's vertices with their parallelism, in the graph's order. */
    List<JsonNode> vertices(String jobId) throws IOException, InterruptedException {
        List<JsonNode> list = new ArrayList<>();
        get("/jobs/" + jobId).path("vertices").forEach(list::add);
        return list;
    }

    /** A metric of a TaskManager, or NaN when it has none (yet). */
    double taskManagerMetric(String taskManagerId, String name) throws IOException, InterruptedException {
        for (JsonNode m : get("/taskmanagers/" + taskManagerId + "/metrics?get=" + name)) {
            if (m.path("id").asText().equals(name)) {
                return m.path("value").asDouble(Double.NaN);
            }
        }
        return Double.NaN;
    }

    List<String> taskManagers() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
