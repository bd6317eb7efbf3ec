package dev.countersign.testing.servers.internal.kms;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys and aliases of one TestKms, and how KMS resolves a key identifier: key id, key ARN, alias name or
 * alias ARN (the last two only where the operation accepts aliases). All methods lock this object.
 */
final class KmsState {
  /** An alias and the key id it points to. */
  record Alias(String name, String keyId, Instant created, Instant updated) {
  }

  private static final Pattern ALIAS_NAME = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");

  private final String partition = "aws";
  private final String region;
  private final String accountId;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, LocalKey> keys = new LinkedHashMap<>();
  private final Map<String, Alias> aliases = new LinkedHashMap<>();

  private Map<String, LocalKey.Saved> baselineKeys = Map.of();
  private Map<String, Alias> baselineAliases = Map.of();

  /** Remembers the keys (with their state and tags) and aliases now as what {@link #restore()} returns to. */
  synchronized void baseline() {
    Map<String, LocalKey.Saved> saved = new LinkedHashMap<>();
    keys.forEach((id, key) -> saved.put(id, key.save()));
    baselineKeys = saved;
    baselineAliases = new LinkedHashMap<>(aliases);
  }

  /** Forgets keys and aliases made since {@link #baseline()} and puts the baseline keys' state and tags back. */
  synchronized void restore() {
    keys.keySet().retainAll(baselineKeys.keySet());
    baselineKeys.forEach((id, saved) -> keys.get(id).restore(saved));
    aliases.clear();
    aliases.putAll(baselineAliases);
  }

  KmsState(String region, String accountId) {
    this.region = region;
    this.accountId = accountId;
  }

  String region() {
    return region;
  }

  String accountId() {
    return accountId;
  }

  SecureRandom random() {
    return random;
  }

  String aliasArn(String aliasName) {
    return "arn:" + partition + ":kms:" + region + ":" + accountId + ":" + aliasName;
  }

  LocalKey createKey(LocalKeySpec spec, String usage, String description, Map<String, String> tags) {
    String id = UUID.randomUUID().toString();
    String arn = "arn:" + partition + ":kms:" + region + ":" + accountId + ":key/" + id;
    KeyPair pair = null;
    SecretKeySpec secret = null;
    if (spec.isSymmetric()) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      secret = new SecretKeySpec(bytes, "AES");
    } else {
      pair = spec.generateKeyPair(random);
    }
    LocalKey key = new LocalKey(id, arn, accountId, spec, usage, description == null ? "" : description,
        Instant.now(), pair, secret);
    key.tags().putAll(tags);
    synchronized (this) {
      keys.put(id, key);
    }
    return key;
  }

  /** Resolves an identifier as KMS does; NotFoundException when nothing matches. */
  synchronized LocalKey resolve(String identifier, boolean aliasesAllowed) {
    if (identifier == null || identifier.isEmpty()) {
      throw KmsError.validation("1 validation error detected: Value null at 'keyId' failed to satisfy"
          + " constraint: Member must not be null");
    }
    String resource = identifier;
    if (identifier.startsWith("arn:")) {
      String[] parts = identifier.split(":", 6);
      if (parts.length != 6 || !parts[2].equals("kms")) {
        throw new KmsError("InvalidArnException", 400, "Invalid ARN: " + identifier);
      }
      if (!parts[1].equals(partition) || !parts[3].equals(region) || !parts[4].equals(accountId)) {
        throw KmsError.notFound("Invalid arn " + identifier);
      }
      resource = parts[5];
      if (resource.startsWith("key/")) {
        resource = resource.substring(4);
      } else if (!resource.startsWith("alias/")) {
        throw KmsError.notFound("Invalid arn " + identifier);
      }
    }
    if (resource.startsWith("alias/")) {
      if (!aliasesAllowed) {
        throw KmsError.notFound("Invalid keyId '" + identifier + "': this operation takes a key id or"
            + " key ARN, not an alias");
      }
      Alias alias = aliases.get(resource);
      if (alias == null) {
        throw KmsError.notFound("Alias '" + aliasArn(resource) + "' is not found.");
      }
      return keys.get(alias.keyId());
    }
    LocalKey key = keys.get(resource);
    if (key == null) {
      throw KmsError.notFound("Key '" + identifier + "' does not exist");
    }
    return key;
  }

  /** Resolves and checks that the key can do an operation needing {@code usage}. */
  synchronized LocalKey usableKey(String identifier, String usage) {
    LocalKey key = resolve(identifier, true);
    key.requireUsable(usage);
    return key;
  }

  synchronized void createAlias(String aliasName, String targetKeyId) {
    checkAliasName(aliasName);
    LocalKey key = resolve(targetKeyId, false);
    if (aliases.containsKey(aliasName)) {
      throw new KmsError("AlreadyExistsException", 400, "An alias with the name " + aliasArn(aliasName)
          + " already exists");
    }
    if (key.state() == LocalKey.State.PendingDeletion) {
      throw KmsError.invalidState(key.arn() + " is pending deletion.");
    }
    Instant now = Instant.now();
    aliases.put(aliasName, new Alias(aliasName, key.id(), now, now));
  }

  /** Points an existing alias at another key of the same usage (and symmetric-ness), as KMS requires. */
  synchronized void updateAlias(String aliasName, String targetKeyId) {
    Alias alias = existingAlias(aliasName);
    LocalKey key = resolve(targetKeyId, false);
    LocalKey current = keys.get(alias.keyId());
    if (!current.usage().equals(key.usage()) || current.spec().isSymmetric() != key.spec().isSymmetric()) {
      throw KmsError.validation("Alias " + aliasName + " points to a key of usage " + current.usage()
          + "; the new target must have the same key usage and type");
    }
    if (key.state() == LocalKey.State.PendingDeletion) {
      throw KmsError.invalidState(key.arn() + " is pending deletion.");
    }
    aliases.put(aliasName, new Alias(aliasName, key.id(), alias.created(), Instant.now()));
  }

  synchronized void deleteAlias(String aliasName) {
    existingAlias(aliasName);
    aliases.remove(aliasName);
  }

  /** All aliases in creation order, or only those of one key (given by key id or key ARN). */
  synchronized List<Alias> aliases(String keyIdFilter) {
    String keyId = keyIdFilter == null ? null : resolve(keyIdFilter, false).id();
    List<Alias> result = new ArrayList<>();
    for (Alias a : aliases.values()) {
      if (keyId == null || a.keyId().equals(keyId)) {
        result.add(a);
      }
    }
    return result;
  }

  private Alias existingAlias(String aliasName) {
    if (aliasName == null || aliasName.isEmpty()) {
      throw KmsError.validation("1 validation error detected: Value null at 'aliasName' failed to satisfy"
          + " constraint: Member must not be null");
    }
    Alias alias = aliases.get(aliasName);
    if (alias == null) {
      throw KmsError.notFound("Alias " + aliasArn(aliasName) + " is not found.");
    }
    return alias;
  }

  private static void checkAliasName(String aliasName) {
    if (aliasName == null || !ALIAS_NAME.matcher(aliasName).matches()) {
      throw new KmsError("InvalidAliasNameException", 400, "Alias must start with the prefix \"alias/\""
          + " followed by letters, digits, '/', '_' or '-'");
    }
    if (aliasName.startsWith("alias/aws/")) {
      throw new KmsError("InvalidAliasNameException", 400, "Alias must not begin with alias/aws/, which"
          + " is reserved for AWS managed keys");
    }
  }
}
