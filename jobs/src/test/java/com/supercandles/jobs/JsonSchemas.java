package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The vendored JSON Schemas of other projects ({@code ../shared/vendor}), as validators. */
final class JsonSchemas {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemas() {}

    static Path vendor(String file) {
        return Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "vendor", file);
    }

    /**
     * What is wrong with {@code instance} by the schema in {@code file}, or by one of its definitions
     * ({@code definition} non-null: e.g. a panel type's {@code Options}); empty when it is valid.
     */
    static List<String> problems(String file, String definition, JsonNode instance) throws IOException {
        ObjectNode schema = (ObjectNode) JSON.readTree(vendor(file).toFile());
        schema.remove("$id"); // compose-spec's ("compose_spec.json") is not a URI the validator accepts
        schema.remove("id");
        if (definition != null) {
            schema.put("$ref", "#/definitions/" + definition);
        }
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(JSON.writeValueAsString(schema));
        List<String> problems = new ArrayList<>();
        for (Error e : validator.validate(instance)) {
            problems.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return problems;
    }
}
