package dev.countersign.testing.servers.internal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One AWS JSON 1.1 operation: request body in, response body out, or a {@link KmsError}. */
@FunctionalInterface
interface Operation {
  ObjectNode handle(JsonNode request);
}
