package dev.countersign.kms.aws;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.kms.aws.internal.KmsAlgorithms;
import dev.countersign.kms.aws.internal.KmsErrors;
import dev.countersign.kms.aws.internal.KmsKeyInfo;
import dev.countersign.kms.aws.internal.KmsKeyStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.ListResourceTagsResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Key lifecycle behind aliases, from {@link AwsKms#keys()}. Keys are created with KeyUsage {@code SIGN_VERIFY} and
 * tagged {@value #TAG_CREATED} (ISO-8601 instant), {@value #TAG_ALIAS} ({@code alias/NAME}) and, after a rotation,
 * {@value #TAG_PREVIOUS} (the ARN of the key the alias named before), which {@link #history} follows: it needs
 * only DescribeKey and ListResourceTags, not an account-wide ListKeys scan. Aliases may be given as {@code NAME},
 * {@code alias/NAME}, or an {@code awskms://} reference to an alias (whose ARN or endpoint picks the client).
 */
public final class AwsKmsKeys {
  /** Tag holding the creation instant, ISO-8601. */
  public static final String TAG_CREATED = "countersign:created";
  /** Tag holding the alias the key was created or rotated for, {@code alias/NAME}. */
  public static final String TAG_ALIAS = "countersign:alias";
  /** Tag holding the ARN of the key the alias named before this one. */
  public static final String TAG_PREVIOUS = "countersign:previous";
  /**
   * Tag on a key created by {@link #stage} and not yet {@link #activate activated}: the key is disabled and no
   * alias names it. Value: the alias it is staged for.
   */
  public static final String TAG_PENDING = "countersign:pending";
  /** Longest history followed. */
  public static final int MAX_HISTORY = 100;

  private final KmsKeyStore store;

  AwsKmsKeys(KmsKeyStore store) {
    this.store = store;
  }

  /** {@link #create(String, KeySpec)} with {@link KeySpec#ECC_NIST_P256}, cosign's default. */
  public String create(String alias) {
    return create(alias, KeySpec.ECC_NIST_P256);
  }

  /**
   * Creates a {@code SIGN_VERIFY} key of {@code keySpec} (tagged) and the alias naming it; returns the key ARN.
   *
   * @throws InvalidInputException when the alias already exists or the spec cannot sign
   */
  public String create(String alias, KeySpec keySpec) {
    AwsKmsKeyReference ref = aliasReference(alias);
    String name = ref.alias().orElseThrow();
    checkSpec(keySpec);
    KmsClient client = store.client(ref);
    KeyMetadata existing = describeOrNull(client, ref);
    if (existing != null) {
      throw new InvalidInputException(name + " already exists (it names KMS key " + existing.arn()
          + "); use rotate to give it a new key");
    }
    String arn = createKey(client, name, keySpec, null, false);
    try {
      client.createAlias(b -> b.aliasName(name).targetKeyId(arn));
    } catch (SdkException e) {
      abandon(client, arn);
      throw KmsErrors.map(e, "CreateAlias", name + " -> " + arn + " (the new key was scheduled for deletion)");
    }
    store.clearCache();
    return arn;
  }

  /** {@link #rotate(String, KeySpec)} with the spec of the alias's current key. */
  public String rotate(String alias) {
    AwsKmsKeyReference ref = aliasReference(alias);
    KeyMetadata current = describe(store.client(ref), ref);
    return rotate(alias, current.keySpec());
  }

  /**
   * Creates a new tagged key of {@code keySpec} and points the alias at it; returns its ARN. The old key stays
   * ENABLED, so signatures it made still verify (find it with {@link #history}).
   *
   * @throws KeyNotFoundException when the alias does not exist
   */
  public String rotate(String alias, KeySpec keySpec) {
    AwsKmsKeyReference ref = aliasReference(alias);
    String name = ref.alias().orElseThrow();
    checkSpec(keySpec);
    KmsClient client = store.client(ref);
    KeyMetadata current = describe(client, ref);
    String arn = createKey(client, name, keySpec, current.arn(), false);
    try {
      client.updateAlias(b -> b.aliasName(name).targetKeyId(arn));
    } catch (SdkException e) {
      abandon(client, arn);
      throw KmsErrors.map(e, "UpdateAlias", name + " -> " + arn + " (the new key was scheduled for deletion)");
    }
    store.clearCache();
    return arn;
  }

  /**
   * Creates a new tagged key of {@code keySpec} for {@code alias} without pointing the alias at it, reads its public
   * key, then disables it (a disabled key cannot sign): the key of a ceremony draft that members sign before it is
   * used. Tagged {@value #TAG_PENDING} until {@link #activate}. Returns the key ARN. The alias may not exist yet.
   */
  public String stage(String alias, KeySpec keySpec) {
    return stageKey(alias, keySpec).arn();
  }

  /** {@link #stage}, returning the staged key's description and public key (read before it was disabled). */
  KmsKeyInfo stageKey(String alias, KeySpec keySpec) {
    AwsKmsKeyReference ref = aliasReference(alias);
    String name = ref.alias().orElseThrow();
    checkSpec(keySpec);
    KmsClient client = store.client(ref);
    KeyMetadata current = describeOrNull(client, ref);
    String arn = createKey(client, name, keySpec, current == null ? null : current.arn(), true);
    KmsKeyInfo info;
    try {
      info = store.info(concrete(ref, arn));
      client.disableKey(b -> b.keyId(arn));
    } catch (SdkException e) {
      abandon(client, arn);
      throw KmsErrors.map(e, "DisableKey", arn + " (the new key was scheduled for deletion)");
    } catch (RuntimeException e) {
      abandon(client, arn);
      throw e;
    }
    store.clearCache();
    return info;
  }

  /**
   * Activates a key {@link #stage} created ({@code reference} names it by ARN or key id): enables it, points its
   * alias at it (creating the alias when missing) and removes {@value #TAG_PENDING}. Returns false, changing nothing,
   * when the key carries no {@value #TAG_PENDING} tag (not staged, or already active). Safe to repeat after a
   * failure part-way.
   */
  public boolean activate(String reference) {
    AwsKmsKeyReference ref = AwsKmsKeyReference.parse(reference);
    if (ref.isAlias()) {
      throw new InvalidInputException("activating a staged key needs its ARN or key id, not an alias: " + ref);
    }
    KmsClient client = store.client(ref);
    String arn = describe(client, ref).arn();
    String name = tags(client, arn).get(TAG_PENDING);
    if (name == null) {
      return false;
    }
    AwsKmsKeyReference alias = aliasReference(concreteAlias(ref, name));
    KmsErrors.call("EnableKey", arn, () -> client.enableKey(b -> b.keyId(arn)));
    if (describeOrNull(client, alias) == null) {
      KmsErrors.call("CreateAlias", name + " -> " + arn, () -> client.createAlias(b -> b.aliasName(name)
          .targetKeyId(arn)));
    } else {
      KmsErrors.call("UpdateAlias", name + " -> " + arn, () -> client.updateAlias(b -> b.aliasName(name)
          .targetKeyId(arn)));
    }
    KmsErrors.call("UntagResource", arn, () -> client.untagResource(b -> b.keyId(arn).tagKeys(TAG_PENDING)));
    store.clearCache();
    return true;
  }

  private static AwsKmsKeyReference concrete(AwsKmsKeyReference like, String arn) {
    return AwsKmsKeyReference.parse(like.endpoint().map(u -> "awskms://" + u.getRawAuthority() + "/")
        .orElse("awskms:///") + arn);
  }

  private static String concreteAlias(AwsKmsKeyReference like, String alias) {
    return like.endpoint().map(u -> "awskms://" + u.getRawAuthority() + "/").orElse("awskms:///") + alias;
  }

  /**
   * The alias's keys, newest first: the key it names now, then each key it named before (following
   * {@value #TAG_PREVIOUS} while the previous key still exists and carries {@value #TAG_ALIAS} for this alias).
   *
   * @throws KeyNotFoundException when the alias does not exist
   */
  public List<AwsKmsKeyVersion> history(String alias) {
    AwsKmsKeyReference ref = aliasReference(alias);
    String name = ref.alias().orElseThrow();
    KmsClient client = store.client(ref);
    List<AwsKmsKeyVersion> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    KeyMetadata md = describe(client, ref);
    while (md != null && seen.add(md.arn()) && out.size() < MAX_HISTORY) {
      Map<String, String> tags = tags(client, md.arn());
      boolean current = out.isEmpty();
      if (!current && !name.equals(tags.get(TAG_ALIAS))) {
        break;
      }
      out.add(new AwsKmsKeyVersion(md.arn(), md.keySpecAsString(), created(md, tags), current,
          md.keyStateAsString()));
      String previous = tags.get(TAG_PREVIOUS);
      md = previous == null ? null : describeOrNull(client, AwsKmsKeyReference.parse("awskms:///" + previous));
    }
    return List.copyOf(out);
  }

  /**
   * Schedules the key {@code reference} names (an alias resolves to its current key) for deletion after
   * {@code days} (7 to 30, as KMS allows); returns the deletion date. The key cannot sign or verify meanwhile.
   */
  public Instant scheduleDeletion(String reference, int days) {
    if (days < 7 || days > 30) {
      throw new InvalidInputException("KMS deletion waiting period must be 7 to 30 days, got " + days);
    }
    AwsKmsKeyReference ref = AwsKmsKeyReference.parse(reference);
    KmsClient client = store.client(ref);
    String arn = describe(client, ref).arn();
    Instant when = KmsErrors.call("ScheduleKeyDeletion", arn,
        () -> client.scheduleKeyDeletion(b -> b.keyId(arn).pendingWindowInDays(days))).deletionDate();
    store.clearCache();
    return when;
  }

  /** The key's public key as SubjectPublicKeyInfo PEM, the format of {@code cosign.pub}. */
  public String publicKeyPem(String reference) {
    return PemKeys.writePublicKey(store.info(AwsKmsKeyReference.parse(reference)).publicKey());
  }

  private static AwsKmsKeyReference aliasReference(String alias) {
    Objects.requireNonNull(alias, "alias");
    String text = alias.regionMatches(true, 0, "awskms://", 0, 9) ? alias
        : "awskms:///" + (alias.startsWith("alias/") ? alias : "alias/" + alias);
    AwsKmsKeyReference ref = AwsKmsKeyReference.parse(text);
    if (!ref.isAlias()) {
      throw new InvalidInputException("'" + alias + "' names a key, not an alias");
    }
    if (ref.alias().orElseThrow().startsWith("alias/aws/")) {
      throw new InvalidInputException(ref.alias().get() + " is reserved for AWS managed keys");
    }
    return ref;
  }

  private static void checkSpec(KeySpec keySpec) {
    Objects.requireNonNull(keySpec, "keySpec");
    if (!KmsAlgorithms.isSigningSpec(keySpec)) {
      throw new InvalidInputException("cannot create a signing key of spec " + KmsAlgorithms.specName(keySpec)
          + " (supported: " + KmsAlgorithms.SIGNING_SPECS + ")");
    }
  }

  private static String createKey(KmsClient client, String alias, KeySpec spec, String previous, boolean pending) {
    List<Tag> tags = new ArrayList<>();
    tags.add(Tag.builder().tagKey(TAG_CREATED).tagValue(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .build());
    tags.add(Tag.builder().tagKey(TAG_ALIAS).tagValue(alias).build());
    if (previous != null) {
      tags.add(Tag.builder().tagKey(TAG_PREVIOUS).tagValue(previous).build());
    }
    if (pending) {
      tags.add(Tag.builder().tagKey(TAG_PENDING).tagValue(alias).build());
    }
    return KmsErrors.call("CreateKey", "for " + alias, () -> client.createKey(b -> b.keyUsage(KeyUsageType.SIGN_VERIFY)
        .keySpec(spec).description("Countersign signing key for " + alias).tags(tags))).keyMetadata().arn();
  }

  private static void abandon(KmsClient client, String arn) {
    try {
      client.scheduleKeyDeletion(b -> b.keyId(arn).pendingWindowInDays(7));
    } catch (SdkException ignored) {
      // best effort: the original failure is what the caller needs to see
    }
  }

  private static KeyMetadata describe(KmsClient client, AwsKmsKeyReference ref) {
    return KmsErrors.call("DescribeKey", ref.toString(), () -> client.describeKey(b -> b.keyId(ref.keyId())))
        .keyMetadata();
  }

  private static KeyMetadata describeOrNull(KmsClient client, AwsKmsKeyReference ref) {
    try {
      return client.describeKey(b -> b.keyId(ref.keyId())).keyMetadata();
    } catch (NotFoundException e) {
      return null;
    } catch (SdkException e) {
      throw KmsErrors.map(e, "DescribeKey", ref.toString());
    }
  }

  private static Map<String, String> tags(KmsClient client, String arn) {
    Map<String, String> out = new HashMap<>();
    String marker = null;
    do {
      String m = marker;
      ListResourceTagsResponse r = KmsErrors.call("ListResourceTags", arn,
          () -> client.listResourceTags(b -> b.keyId(arn).marker(m)));
      for (Tag t : r.tags()) {
        out.put(t.tagKey(), t.tagValue());
      }
      marker = Boolean.TRUE.equals(r.truncated()) ? r.nextMarker() : null;
    } while (marker != null);
    return out;
  }

  private static Instant created(KeyMetadata md, Map<String, String> tags) {
    if (md.creationDate() != null) {
      return md.creationDate();
    }
    try {
      String t = tags.get(TAG_CREATED);
      return t == null ? null : Instant.parse(t);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
