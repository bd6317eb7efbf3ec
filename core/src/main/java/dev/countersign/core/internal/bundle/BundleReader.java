package dev.countersign.core.internal.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.BundleMediaType;
import dev.countersign.core.bundle.MessageSignature;
import dev.countersign.core.bundle.Rfc3161Timestamp;
import dev.countersign.core.bundle.TlogEntry;
import dev.countersign.core.bundle.VerificationMaterial;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.internal.dsse.DsseJson;
import dev.countersign.core.internal.StrictJson;
import java.util.ArrayList;
import java.util.List;

/** Reads Sigstore bundle JSON (protobuf-JSON field names) into a {@link Bundle}, strictly typed. */
public final class BundleReader {
  private static final String VM = "verificationMaterial";

  private BundleReader() {}

  /** Parses {@code json}; every problem is an {@link InvalidInputException} naming the field. */
  public static Bundle read(byte[] json) {
    JsonNode root = StrictJson.parseObject(json, "Sigstore bundle");
    BundleMediaType type = BundleMediaType.parse(StrictJson.string(root, "mediaType", "mediaType", true));
    VerificationMaterial material = material(StrictJson.object(root, VM, VM, true));
    JsonNode ms = StrictJson.object(root, "messageSignature", "messageSignature", false);
    JsonNode dsse = StrictJson.object(root, "dsseEnvelope", "dsseEnvelope", false);
    if (ms != null && dsse != null) {
      throw new InvalidInputException("bundle has both messageSignature and dsseEnvelope; exactly one is allowed");
    }
    if (ms == null && dsse == null) {
      throw new InvalidInputException("bundle has neither messageSignature nor dsseEnvelope");
    }
    MessageSignature signature = ms == null ? null : messageSignature(ms);
    DsseEnvelope envelope = dsse == null ? null : DsseJson.read(dsse, "dsseEnvelope");
    return Bundle.of(type, material, signature, envelope);
  }

  private static VerificationMaterial material(JsonNode vm) {
    JsonNode pk = StrictJson.object(vm, "publicKey", VM + ".publicKey", false);
    JsonNode chain = StrictJson.object(vm, "x509CertificateChain", VM + ".x509CertificateChain", false);
    JsonNode cert = StrictJson.object(vm, "certificate", VM + ".certificate", false);
    int present = (pk != null ? 1 : 0) + (chain != null ? 1 : 0) + (cert != null ? 1 : 0);
    if (present != 1) {
      throw new InvalidInputException(VM + " must have exactly one of publicKey, x509CertificateChain and "
          + "certificate, got " + present);
    }
    VerificationMaterial m;
    if (pk != null) {
      m = VerificationMaterial.ofPublicKeyHint(StrictJson.string(pk, "hint", VM + ".publicKey.hint", false));
    } else if (cert != null) {
      m = VerificationMaterial.ofCertificate(rawBytes(cert, VM + ".certificate"));
    } else {
      String p = VM + ".x509CertificateChain.certificates";
      JsonNode certs = StrictJson.array(chain, "certificates", p, true);
      if (certs.size() == 0) {
        throw new InvalidInputException(p + " is empty");
      }
      List<byte[]> ders = new ArrayList<>();
      for (int i = 0; i < certs.size(); i++) {
        ders.add(rawBytes(StrictJson.element(certs, i, p), p + "[" + i + "]"));
      }
      m = VerificationMaterial.ofCertificateChain(ders);
    }
    return m.withTlogEntries(tlogEntries(vm)).withTimestamps(timestamps(vm));
  }

  private static byte[] rawBytes(JsonNode obj, String path) {
    byte[] der = StrictJson.base64(obj, "rawBytes", path + ".rawBytes", true);
    if (der.length == 0) {
      throw new InvalidInputException(path + ".rawBytes is empty");
    }
    return der;
  }

  private static List<TlogEntry> tlogEntries(JsonNode vm) {
    String p = VM + ".tlogEntries";
    JsonNode arr = StrictJson.array(vm, "tlogEntries", p, false);
    List<TlogEntry> out = new ArrayList<>();
    for (int i = 0; arr != null && i < arr.size(); i++) {
      JsonNode e = StrictJson.element(arr, i, p);
      try {
        out.add(TlogEntry.parse(StrictJson.compact(e)));
      } catch (InvalidInputException ex) {
        throw new InvalidInputException(p + "[" + i + "]: " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  private static List<Rfc3161Timestamp> timestamps(JsonNode vm) {
    String p = VM + ".timestampVerificationData";
    JsonNode tvd = StrictJson.object(vm, "timestampVerificationData", p, false);
    List<Rfc3161Timestamp> out = new ArrayList<>();
    if (tvd == null) {
      return out;
    }
    JsonNode arr = StrictJson.array(tvd, "rfc3161Timestamps", p + ".rfc3161Timestamps", false);
    for (int i = 0; arr != null && i < arr.size(); i++) {
      JsonNode e = StrictJson.element(arr, i, p + ".rfc3161Timestamps");
      try {
        out.add(Rfc3161Timestamp.parse(StrictJson.compact(e)));
      } catch (InvalidInputException ex) {
        throw new InvalidInputException(p + ".rfc3161Timestamps[" + i + "]: " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  private static MessageSignature messageSignature(JsonNode ms) {
    JsonNode md = StrictJson.object(ms, "messageDigest", "messageSignature.messageDigest", true);
    String alg = StrictJson.string(md, "algorithm", "messageSignature.messageDigest.algorithm", true);
    DigestAlgorithm algorithm = null;
    for (DigestAlgorithm a : DigestAlgorithm.values()) {
      if (a.sigstoreName().equals(alg)) {
        algorithm = a;
      }
    }
    if (algorithm == null) {
      throw new InvalidInputException("messageSignature.messageDigest.algorithm '" + shorten(alg)
          + "' is not supported (SHA2_256, SHA2_384, SHA2_512)");
    }
    byte[] digest = StrictJson.base64(md, "digest", "messageSignature.messageDigest.digest", true);
    if (digest.length != algorithm.length()) {
      throw new InvalidInputException("messageSignature.messageDigest.digest must be " + algorithm.length()
          + " bytes for " + alg + ", got " + digest.length);
    }
    byte[] sig = StrictJson.base64(ms, "signature", "messageSignature.signature", true);
    if (sig.length == 0) {
      throw new InvalidInputException("messageSignature.signature is empty");
    }
    return MessageSignature.of(Digest.of(algorithm, digest), sig);
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
