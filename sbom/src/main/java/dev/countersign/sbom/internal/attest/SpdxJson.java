package dev.countersign.sbom.internal.attest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import java.util.Set;

/**
 * The checks an SPDX 2.2/2.3 JSON document must pass to be attached: the fields SPDX makes mandatory for a
 * document ({@code spdxVersion}, {@code dataLicense CC0-1.0}, {@code SPDXID SPDXRef-DOCUMENT}, {@code name},
 * {@code documentNamespace}, {@code creationInfo.created} and {@code creators}) and, for each package, the
 * mandatory {@code name}, {@code SPDXID} and {@code downloadLocation}. SPDX 3 (JSON-LD) is refused by name.
 */
public final class SpdxJson {
  /** The SPDX versions accepted. */
  public static final Set<String> VERSIONS = Set.of("SPDX-2.2", "SPDX-2.3");

  private SpdxJson() {}

  /** Whether {@code doc} claims to be SPDX (2.x {@code spdxVersion} or a 3.x JSON-LD context). */
  public static boolean looksLikeSpdx(JsonNode doc) {
    if (doc.has("spdxVersion")) {
      return true;
    }
    JsonNode ctx = doc.get("@context");
    return ctx != null && ctx.isTextual() && ctx.textValue().contains("spdx.org");
  }

  /** Checks {@code doc}; returns its {@code spdxVersion}. */
  public static String check(JsonNode doc, String what) {
    if (!doc.has("spdxVersion")) {
      throw new InvalidInputException(what + ": SPDX 3 (JSON-LD) is not supported; attach SPDX 2.2 or 2.3 JSON");
    }
    String version = text(doc, "spdxVersion", what);
    if (!VERSIONS.contains(version)) {
      throw new InvalidInputException(what + ": spdxVersion '" + CycloneDxJson.abbreviate(version)
          + "' is not supported; supported: SPDX-2.2, SPDX-2.3");
    }
    expect(doc, "SPDXID", "SPDXRef-DOCUMENT", what);
    expect(doc, "dataLicense", "CC0-1.0", what);
    text(doc, "name", what);
    text(doc, "documentNamespace", what);
    JsonNode info = doc.get("creationInfo");
    if (info == null || !info.isObject()) {
      throw new InvalidInputException(what + ": SPDX creationInfo is missing or not an object");
    }
    text(info, "created", what + ": creationInfo");
    JsonNode creators = info.get("creators");
    if (creators == null || !creators.isArray() || creators.isEmpty()) {
      throw new InvalidInputException(what + ": SPDX creationInfo.creators must be a non-empty array");
    }
    JsonNode packages = doc.get("packages");
    if (packages != null) {
      if (!packages.isArray()) {
        throw new InvalidInputException(what + ": SPDX packages must be an array");
      }
      for (int i = 0; i < packages.size(); i++) {
        JsonNode p = packages.get(i);
        String at = what + ": packages[" + i + "]";
        if (!p.isObject()) {
          throw new InvalidInputException(at + " must be an object");
        }
        text(p, "name", at);
        text(p, "SPDXID", at);
        text(p, "downloadLocation", at);
      }
    }
    return version;
  }

  private static void expect(JsonNode doc, String field, String value, String what) {
    String actual = text(doc, field, what);
    if (!value.equals(actual)) {
      throw new InvalidInputException(what + ": SPDX " + field + " must be '" + value + "', got '"
          + CycloneDxJson.abbreviate(actual) + "'");
    }
  }

  private static String text(JsonNode obj, String field, String what) {
    JsonNode v = obj.get(field);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      throw new InvalidInputException(what + ": SPDX " + field + " is missing or not a non-empty string");
    }
    return v.textValue();
  }
}
