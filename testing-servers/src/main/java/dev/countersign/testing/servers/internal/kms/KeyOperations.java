package dev.countersign.testing.servers.internal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** CreateKey, DescribeKey, key state changes and tags. */
final class KeyOperations {
  private static final List<String> USAGES =
      List.of("ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT");

  private final KmsState state;

  KeyOperations(KmsState state) {
    this.state = state;
  }

  void register(Map<String, Operation> operations) {
    operations.put("CreateKey", this::createKey);
    operations.put("DescribeKey", this::describeKey);
    operations.put("EnableKey", body -> change(body, LocalKey::enable));
    operations.put("DisableKey", body -> change(body, LocalKey::disable));
    operations.put("ScheduleKeyDeletion", this::scheduleKeyDeletion);
    operations.put("CancelKeyDeletion", this::cancelKeyDeletion);
    operations.put("TagResource", this::tagResource);
    operations.put("UntagResource", this::untagResource);
    operations.put("ListResourceTags", this::listResourceTags);
  }

  private ObjectNode createKey(JsonNode body) {
    String specName = Json.optionalString(body, "KeySpec");
    String legacySpec = Json.optionalString(body, "CustomerMasterKeySpec");
    if (specName != null && legacySpec != null) {
      throw KmsError.validation("You cannot specify KeySpec and CustomerMasterKeySpec in the same request.");
    }
    LocalKeySpec spec = LocalKeySpec.parse(specName != null ? specName
        : legacySpec != null ? legacySpec : "SYMMETRIC_DEFAULT");
    String usage = Json.optionalString(body, "KeyUsage");
    usage = usage == null ? "ENCRYPT_DECRYPT" : usage;
    if (!USAGES.contains(usage)) {
      throw KmsError.validation("1 validation error detected: Value '" + usage
          + "' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: " + USAGES);
    }
    checkCompatible(spec, usage);
    String origin = Json.optionalString(body, "Origin");
    if (origin != null && !origin.equals("AWS_KMS")) {
      throw KmsError.unsupported("TestKms only creates keys with Origin AWS_KMS");
    }
    JsonNode multiRegion = body.get("MultiRegion");
    if (multiRegion != null && multiRegion.asBoolean()) {
      throw KmsError.unsupported("TestKms does not implement multi-Region keys");
    }
    String description = Json.optionalString(body, "Description");
    if (description != null && description.length() > 8192) {
      throw KmsError.validation("Description must be at most 8192 characters");
    }
    LocalKey key = state.createKey(spec, usage, description, tags(body.get("Tags")));
    return metadata(key);
  }

  private static void checkCompatible(LocalKeySpec spec, String usage) {
    if (spec.isSymmetric() && !usage.equals("ENCRYPT_DECRYPT")
        || !spec.isSymmetric() && !spec.isRsa() && !usage.equals("SIGN_VERIFY")) {
      throw KmsError.validation("KeyUsage " + usage + " is not compatible with KeySpec " + spec);
    }
    if (spec.isRsa() && !usage.equals("SIGN_VERIFY")) {
      if (usage.equals("ENCRYPT_DECRYPT")) {
        throw KmsError.unsupported("TestKms implements RSA keys for SIGN_VERIFY only");
      }
      throw KmsError.validation("KeyUsage " + usage + " is not compatible with KeySpec " + spec);
    }
  }

  private ObjectNode describeKey(JsonNode body) {
    LocalKey key = state.resolve(Json.requiredString(body, "KeyId"), true);
    synchronized (state) {
      return metadata(key);
    }
  }

  private static ObjectNode metadata(LocalKey key) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    key.writeMetadata(response.putObject("KeyMetadata"));
    return response;
  }

  private ObjectNode change(JsonNode body, Consumer<LocalKey> change) {
    synchronized (state) {
      change.accept(state.resolve(Json.requiredString(body, "KeyId"), false));
    }
    return JsonNodeFactory.instance.objectNode();
  }

  private ObjectNode scheduleKeyDeletion(JsonNode body) {
    Integer days = Json.optionalInt(body, "PendingWindowInDays");
    int window = days == null ? 30 : days;
    if (window < 7 || window > 30) {
      throw KmsError.validation("1 validation error detected: Value '" + window + "' at 'pendingWindowInDays'"
          + " failed to satisfy constraint: Member must have value between 7 and 30");
    }
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    synchronized (state) {
      LocalKey key = state.resolve(Json.requiredString(body, "KeyId"), false);
      key.scheduleDeletion(Instant.now().plus(Duration.ofDays(window)), window);
      response.put("KeyId", key.arn());
      response.put("DeletionDate", Json.epochSeconds(key.deletionDate()));
      response.put("KeyState", key.state().name());
      response.put("PendingWindowInDays", window);
    }
    return response;
  }

  private ObjectNode cancelKeyDeletion(JsonNode body) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    synchronized (state) {
      LocalKey key = state.resolve(Json.requiredString(body, "KeyId"), false);
      key.cancelDeletion();
      response.put("KeyId", key.arn());
    }
    return response;
  }

  private ObjectNode tagResource(JsonNode body) {
    Map<String, String> tags = tags(body.get("Tags"));
    synchronized (state) {
      LocalKey key = state.resolve(Json.requiredString(body, "KeyId"), false);
      if (key.state() == LocalKey.State.PendingDeletion) {
        throw KmsError.invalidState(key.arn() + " is pending deletion.");
      }
      key.tags().putAll(tags);
    }
    return JsonNodeFactory.instance.objectNode();
  }

  private ObjectNode untagResource(JsonNode body) {
    JsonNode keys = body.get("TagKeys");
    if (keys == null || !keys.isArray() || keys.isEmpty()) {
      throw KmsError.validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy"
          + " constraint: Member must not be null");
    }
    synchronized (state) {
      LocalKey key = state.resolve(Json.requiredString(body, "KeyId"), false);
      keys.forEach(k -> key.tags().remove(k.asText()));
    }
    return JsonNodeFactory.instance.objectNode();
  }

  private ObjectNode listResourceTags(JsonNode body) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    List<Map.Entry<String, String>> all;
    synchronized (state) {
      all = new ArrayList<>(state.resolve(Json.requiredString(body, "KeyId"), false).tags().entrySet());
    }
    var array = response.putArray("Tags");
    for (Map.Entry<String, String> tag : Json.page(all, body, response, 50)) {
      array.addObject().put("TagKey", tag.getKey()).put("TagValue", tag.getValue());
    }
    return response;
  }

  /** The Tags member: [{TagKey, TagValue}], validated as KMS does. */
  private static Map<String, String> tags(JsonNode node) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return tags;
    }
    if (!node.isArray()) {
      throw new KmsError("SerializationException", 400, "Tags must be a list");
    }
    for (JsonNode tag : node) {
      String key = Json.requiredString(tag, "TagKey");
      String value = Json.optionalString(tag, "TagValue");
      if (value == null) {
        throw KmsError.validation("1 validation error detected: Value null at 'tags.member.tagValue'"
            + " failed to satisfy constraint: Member must not be null");
      }
      if (key.length() > 128 || value.length() > 256) {
        throw KmsError.validation("Tag keys are at most 128 and tag values at most 256 characters");
      }
      if (key.startsWith("aws:")) {
        throw new KmsError("TagException", 400, "Tag keys beginning with aws: are reserved");
      }
      tags.put(key, value);
    }
    return tags;
  }
}
