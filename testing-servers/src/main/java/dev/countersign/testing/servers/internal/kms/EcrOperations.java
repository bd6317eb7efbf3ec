package dev.countersign.testing.servers.internal.kms;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** ECR's GetAuthorizationToken: a registry password for user "AWS", valid for 12 hours, as ECR issues it. */
final class EcrOperations {
  private final String password;
  private volatile String proxyEndpoint;

  EcrOperations(String password, String proxyEndpoint) {
    this.password = password;
    this.proxyEndpoint = proxyEndpoint;
  }

  String password() {
    return password;
  }

  void proxyEndpoint(String endpoint) {
    this.proxyEndpoint = endpoint;
  }

  String proxyEndpoint() {
    return proxyEndpoint;
  }

  void register(Map<String, Operation> operations) {
    operations.put("GetAuthorizationToken", body -> {
      ObjectNode response = JsonNodeFactory.instance.objectNode();
      String token = Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
      response.putArray("authorizationData").addObject()
          .put("authorizationToken", token)
          .put("expiresAt", Json.epochSeconds(Instant.now().plus(Duration.ofHours(12))))
          .put("proxyEndpoint", proxyEndpoint);
      return response;
    });
  }
}
