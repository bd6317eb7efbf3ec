package dev.countersign.testing.servers.internal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** CreateAlias, UpdateAlias, DeleteAlias and ListAliases. */
final class AliasOperations {
  private final KmsState state;

  AliasOperations(KmsState state) {
    this.state = state;
  }

  void register(Map<String, Operation> operations) {
    operations.put("CreateAlias", body -> {
      state.createAlias(Json.requiredString(body, "AliasName"), Json.requiredString(body, "TargetKeyId"));
      return JsonNodeFactory.instance.objectNode();
    });
    operations.put("UpdateAlias", body -> {
      state.updateAlias(Json.requiredString(body, "AliasName"), Json.requiredString(body, "TargetKeyId"));
      return JsonNodeFactory.instance.objectNode();
    });
    operations.put("DeleteAlias", body -> {
      state.deleteAlias(Json.requiredString(body, "AliasName"));
      return JsonNodeFactory.instance.objectNode();
    });
    operations.put("ListAliases", this::listAliases);
  }

  private ObjectNode listAliases(JsonNode body) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    var all = state.aliases(Json.optionalString(body, "KeyId"));
    ArrayNode array = response.putArray("Aliases");
    for (KmsState.Alias alias : Json.page(all, body, response, 100)) {
      array.addObject()
          .put("AliasName", alias.name())
          .put("AliasArn", state.aliasArn(alias.name()))
          .put("TargetKeyId", alias.keyId())
          .put("CreationDate", Json.epochSeconds(alias.created()))
          .put("LastUpdatedDate", Json.epochSeconds(alias.updated()));
    }
    return response;
  }
}
