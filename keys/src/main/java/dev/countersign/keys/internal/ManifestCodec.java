package dev.countersign.keys.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.KeyStatus;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.ManifestMember;
import dev.countersign.keys.ManifestSignature;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** The JSON form of {@link KeyManifest}: tree building for writing, strict reading with paths in messages. */
public final class ManifestCodec {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Set<String> DOCUMENT = Set.of("signed", "signatures");
  private static final Set<String> SIGNED = Set.of("version", "expires", "members", "threshold", "keys");
  private static final Set<String> MEMBER = Set.of("keyid", "publicKey");
  private static final Set<String> KEY = Set.of("keyid", "algorithm", "publicKey", "pgpFingerprint",
      "keyringSha256", "backend", "validFor", "status", "revokedAt", "reason", "files");
  private static final Set<String> WINDOW = Set.of("start", "end");
  private static final Set<String> SIGNATURE = Set.of("keyid", "sig");

  private ManifestCodec() {}

  /** The whole document. */
  public static ObjectNode document(KeyManifest m) {
    ObjectNode doc = F.objectNode();
    doc.set("signed", signed(m));
    ArrayNode sigs = doc.putArray("signatures");
    for (ManifestSignature s : m.signatures()) {
      sigs.addObject().put("keyid", s.keyId().value()).put("sig", s.base64());
    }
    return doc;
  }

  /** The {@code signed} object. */
  public static ObjectNode signed(KeyManifest m) {
    ObjectNode o = F.objectNode();
    o.put("version", m.version());
    o.put("expires", ManifestJson.formatTime(m.expires()));
    o.put("threshold", m.threshold());
    ArrayNode members = o.putArray("members");
    for (ManifestMember mb : m.members()) {
      members.addObject().put("keyid", mb.keyId().value()).put("publicKey", PemKeys.writePublicKey(mb.publicKey()));
    }
    ArrayNode keys = o.putArray("keys");
    for (ManifestKey k : m.keys()) {
      ObjectNode ko = keys.addObject();
      ko.put("keyid", k.keyId().value());
      ko.put("algorithm", k.algorithm().id());
      k.publicKey().ifPresent(p -> ko.put("publicKey", PemKeys.writePublicKey(p)));
      k.pgpFingerprint().ifPresent(p -> ko.put("pgpFingerprint", p));
      k.keyringSha256().ifPresent(h -> ko.put("keyringSha256", h));
      k.backend().ifPresent(b -> ko.put("backend", b));
      ObjectNode w = ko.putObject("validFor").put("start", ManifestJson.formatTime(k.validFrom()));
      k.validUntil().ifPresent(e -> w.put("end", ManifestJson.formatTime(e)));
      ko.put("status", k.status().id());
      k.revokedAt().ifPresent(t -> ko.put("revokedAt", ManifestJson.formatTime(t)));
      k.reason().ifPresent(r -> ko.put("reason", r));
      ArrayNode files = ko.putArray("files");
      k.files().forEach(files::add);
    }
    return o;
  }

  /** Reads a parsed document; every member is checked, unknown ones refused. */
  public static KeyManifest read(JsonNode doc) {
    ManifestJson.onlyMembers(doc, "$", DOCUMENT);
    JsonNode s = ManifestJson.object(doc, "signed", "$", true);
    ManifestJson.onlyMembers(s, "$.signed", SIGNED);
    KeyManifest.Builder b = KeyManifest.builder()
        .version((int) ManifestJson.integer(s, "version", "$.signed", 1, Integer.MAX_VALUE))
        .expires(ManifestJson.time(s, "expires", "$.signed", true))
        .threshold((int) ManifestJson.integer(s, "threshold", "$.signed", 1, 1000));
    JsonNode members = ManifestJson.array(s, "members", "$.signed", true);
    for (int i = 0; i < members.size(); i++) {
      String path = "$.signed.members[" + i + "]";
      JsonNode m = element(members, i, path);
      ManifestJson.onlyMembers(m, path, MEMBER);
      PublicKey key = publicKey(m, path, true);
      ManifestMember member = ManifestMember.of(key);
      checkId(m, path, member.keyId());
      b.addMember(member);
    }
    JsonNode keys = ManifestJson.array(s, "keys", "$.signed", true);
    for (int i = 0; i < keys.size(); i++) {
      b.addKey(key(element(keys, i, "$.signed.keys[" + i + "]"), "$.signed.keys[" + i + "]"));
    }
    List<ManifestSignature> sigs = new ArrayList<>();
    JsonNode arr = ManifestJson.array(doc, "signatures", "$", true);
    for (int i = 0; i < arr.size(); i++) {
      String path = "$.signatures[" + i + "]";
      JsonNode sn = element(arr, i, path);
      ManifestJson.onlyMembers(sn, path, SIGNATURE);
      KeyId id = KeyId.parse(ManifestJson.string(sn, "keyid", path, true));
      String sig = ManifestJson.string(sn, "sig", path, true);
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(sig);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(path + ".sig is not standard base64");
      }
      sigs.add(ManifestSignature.of(id, raw));
    }
    return b.signatures(sigs).build();
  }

  private static ManifestKey key(JsonNode k, String path) {
    ManifestJson.onlyMembers(k, path, KEY);
    ManifestKey.Builder b = ManifestKey.builder()
        .algorithm(SignatureAlgorithm.parse(ManifestJson.string(k, "algorithm", path, true)));
    KeyId id = KeyId.parse(ManifestJson.string(k, "keyid", path, true));
    if (!SignatureAlgorithm.parse(k.get("algorithm").textValue()).id().equals(k.get("algorithm").textValue())) {
      throw new InvalidInputException(path + ".algorithm must be written in kebab case, e.g. ecdsa-p256-sha256");
    }
    PublicKey key = publicKey(k, path, false);
    String fingerprint = ManifestJson.string(k, "pgpFingerprint", path, false);
    if (key != null) {
      b.publicKey(key);
      checkId(k, path, KeyId.of(key));
    }
    if (fingerprint != null) {
      b.pgp(fingerprint, id);
    }
    b.keyId(id).backend(ManifestJson.string(k, "backend", path, false))
        .keyringSha256(ManifestJson.string(k, "keyringSha256", path, false));
    JsonNode w = ManifestJson.object(k, "validFor", path, true);
    ManifestJson.onlyMembers(w, path + ".validFor", WINDOW);
    b.validFor(ManifestJson.time(w, "start", path + ".validFor", true),
        ManifestJson.time(w, "end", path + ".validFor", false));
    KeyStatus status = KeyStatus.parse(ManifestJson.string(k, "status", path, true));
    switch (status) {
      case RETIRED:
        b.retired();
        break;
      case REVOKED:
        b.revoked(ManifestJson.time(k, "revokedAt", path, true), ManifestJson.string(k, "reason", path, true));
        break;
      default:
        b.active();
    }
    if (status != KeyStatus.REVOKED && (k.has("revokedAt") || k.has("reason"))) {
      throw new InvalidInputException(path + " has a revocation time or reason but is " + status.id());
    }
    JsonNode files = ManifestJson.array(k, "files", path, true);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (!files.get(i).isTextual()) {
        throw new InvalidInputException(path + ".files[" + i + "] must be a string");
      }
      names.add(files.get(i).textValue());
    }
    return b.files(names).build();
  }

  private static PublicKey publicKey(JsonNode obj, String path, boolean required) {
    String pem = ManifestJson.string(obj, "publicKey", path, required);
    if (pem == null) {
      return null;
    }
    PublicKey key = PemKeys.readPublicKey(pem.getBytes(StandardCharsets.UTF_8), path + ".publicKey");
    if (!PemKeys.writePublicKey(key).equals(pem)) {
      throw new InvalidInputException(path + ".publicKey must be a SubjectPublicKeyInfo PEM with 64-character"
          + " lines and a final newline");
    }
    return key;
  }

  private static void checkId(JsonNode obj, String path, KeyId actual) {
    KeyId given = KeyId.parse(ManifestJson.string(obj, "keyid", path, true));
    if (!given.equals(actual)) {
      throw new InvalidInputException(path + ".keyid " + given + " is not the id of its public key (" + actual + ")");
    }
  }

  private static JsonNode element(JsonNode array, int i, String path) {
    JsonNode v = array.get(i);
    if (v == null || !v.isObject()) {
      throw new InvalidInputException(path + " must be an object");
    }
    return v;
  }
}
