package dev.countersign.core.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.signature.EcdsaParameters;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.RsaSsaPkcs1Parameters;
import com.google.crypto.tink.signature.SignatureConfig;
import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random, truncated and mutated keyset documents give {@link InvalidInputException} (or a valid keyset), never
 * another exception, and error messages never quote key material.
 */
class TinkKeysetProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] TYPE_URLS = {
      "type.googleapis.com/google.crypto.tink.EcdsaPrivateKey", "type.googleapis.com/google.crypto.tink.EcdsaPublicKey",
      "type.googleapis.com/google.crypto.tink.Ed25519PrivateKey",
      "type.googleapis.com/google.crypto.tink.RsaSsaPkcs1PrivateKey",
      "type.googleapis.com/google.crypto.tink.RsaSsaPssPrivateKey", "type.googleapis.com/google.crypto.tink.AesGcmKey",
      "", "nonsense"};
  private static final String[] ENUMS = {"RAW", "TINK", "LEGACY", "CRUNCHY", "ENABLED", "DISABLED", "DESTROYED",
      "ASYMMETRIC_PRIVATE", "ASYMMETRIC_PUBLIC", "SYMMETRIC", "UNKNOWN_STATUS", "", "7"};
  private static final Fixtures F = new Fixtures();

  /** Keysets of several kinds, made once. */
  private static final class Fixtures {
    final Aead aead;
    final List<String> documents = new ArrayList<>();
    final List<String> secrets = new ArrayList<>();

    Fixtures() {
      try {
        SignatureConfig.register();
        AeadConfig.register();
        aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
        KeysetHandle ec = KeysetHandle.generateNew(EcdsaParameters.builder()
            .setCurveType(EcdsaParameters.CurveType.NIST_P256).setHashType(EcdsaParameters.HashType.SHA256)
            .setSignatureEncoding(EcdsaParameters.SignatureEncoding.DER)
            .setVariant(EcdsaParameters.Variant.NO_PREFIX).build());
        KeysetHandle.Builder b = KeysetHandle.newBuilder(ec);
        b.addEntry(KeysetHandle.generateEntryFromParameters(
            Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX)).withRandomId());
        KeysetHandle mixed = b.build();
        KeysetHandle rsa = KeysetHandle.generateNew(RsaSsaPkcs1Parameters.builder().setModulusSizeBits(2048)
            .setPublicExponent(RsaSsaPkcs1Parameters.F4).setHashType(RsaSsaPkcs1Parameters.HashType.SHA256)
            .setVariant(RsaSsaPkcs1Parameters.Variant.NO_PREFIX).build());
        for (KeysetHandle h : List.of(mixed, rsa)) {
          String clear = TinkJsonProtoKeysetFormat.serializeKeyset(h, InsecureSecretKeyAccess.get());
          documents.add(clear);
          documents.add(TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(h.getPublicKeysetHandle()));
          documents.add(TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(h, aead, new byte[0]));
          for (JsonNode k : JSON.readTree(clear).get("key")) {
            secrets.add(k.get("keyData").get("value").asText().substring(8, 40));
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Property(tries = 300)
  void randomBytesAreRefusedCleanly(@ForAll @Size(max = 2048) byte[] content) {
    checkAllReaders(content);
  }

  @Property(tries = 300)
  void truncatedKeysetsAreRefusedCleanly(@ForAll @IntRange(max = 5) int doc, @ForAll @IntRange(max = 999) int perMille) {
    byte[] full = bytes(F.documents.get(doc));
    byte[] part = new byte[(int) ((long) full.length * perMille / 1000)];
    System.arraycopy(full, 0, part, 0, part.length);
    checkAllReaders(part);
  }

  @Property(tries = 400)
  void mutatedKeysetTextIsRefusedCleanly(@ForAll @IntRange(max = 5) int doc, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int mutations) {
    Random r = new Random(seed);
    char[] text = F.documents.get(doc).toCharArray();
    String alphabet = "{}[]\":,.-+/=0123456789eE \\AZaz\u00e9";
    for (int i = 0; i < mutations; i++) {
      text[r.nextInt(text.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
    }
    checkAllReaders(bytes(new String(text)));
  }

  @Property(tries = 400)
  void structurallyMutatedKeysetsAreRefusedCleanly(@ForAll @IntRange(max = 5) int doc, @ForAll long seed) {
    Random r = new Random(seed);
    JsonNode root = readTree(F.documents.get(doc));
    mutate(root, r, 1 + r.nextInt(3));
    checkAllReaders(bytes(root.toString()));
  }

  private static void checkAllReaders(byte[] content) {
    TinkKeyset.looksLikeKeyset(content); // must never throw
    check(c -> TinkKeyset.readCleartext(c), content);
    check(c -> TinkKeyset.readPublic(c), content);
    check(c -> TinkKeyset.readEncrypted(c, F.aead, null), content);
  }

  private static void check(Function<byte[], TinkKeyset> reader, byte[] content) {
    try {
      TinkKeyset ks = reader.apply(content);
      assertNotNull(ks.keys());
      ks.verifiers();
      if (ks.hasPrivateKeys()) {
        try {
          ks.signer();
        } catch (InvalidInputException e) {
          checkMessage(e);
        }
      }
    } catch (InvalidInputException e) {
      checkMessage(e);
    }
  }

  private static void checkMessage(InvalidInputException e) {
    assertNotNull(e.getMessage());
    for (String secret : F.secrets) {
      assertFalse(e.getMessage().contains(secret), "message quotes key material: " + e.getMessage());
    }
  }

  /** Changes a few leaves: key bytes, type URLs, enums, ids; or removes a field. */
  private static void mutate(JsonNode node, Random r, int count) {
    List<ObjectNode> objects = new ArrayList<>();
    collect(node, objects);
    for (int i = 0; i < count; i++) {
      ObjectNode o = objects.get(r.nextInt(objects.size()));
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      if (names.isEmpty()) {
        continue;
      }
      String name = names.get(r.nextInt(names.size()));
      switch (r.nextInt(6)) {
        case 0: {
          byte[] junk = new byte[r.nextInt(200)];
          r.nextBytes(junk);
          o.put(name, Base64.getEncoder().encodeToString(junk));
          break;
        }
        case 1:
          o.put(name, TYPE_URLS[r.nextInt(TYPE_URLS.length)]);
          break;
        case 2:
          o.put(name, ENUMS[r.nextInt(ENUMS.length)]);
          break;
        case 3:
          o.put(name, r.nextBoolean() ? r.nextLong() : r.nextInt());
          break;
        case 4:
          o.remove(name);
          break;
        default:
          flipBase64(o, name, r);
      }
    }
  }

  private static void flipBase64(ObjectNode o, String name, Random r) {
    String text = o.path(name).asText("");
    try {
      byte[] b = Base64.getDecoder().decode(text);
      if (b.length > 0) {
        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        o.put(name, Base64.getEncoder().encodeToString(b));
      }
    } catch (IllegalArgumentException notBase64) {
      o.put(name, text + "x");
    }
  }

  private static void collect(JsonNode n, List<ObjectNode> out) {
    if (n instanceof ObjectNode) {
      out.add((ObjectNode) n);
      n.forEach(c -> collect(c, out));
    } else if (n instanceof ArrayNode) {
      n.forEach(c -> collect(c, out));
    }
  }

  private static JsonNode readTree(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
