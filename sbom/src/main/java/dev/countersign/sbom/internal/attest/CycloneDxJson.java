package dev.countersign.sbom.internal.attest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;

/**
 * CycloneDX JSON through core-java: the declared {@code specVersion} mapped to a schema this library has (1.2 to
 * 1.6; 1.0 and 1.1 have no JSON form), validation against that schema, and parsing into the model.
 */
public final class CycloneDxJson {
  private static final int ERRORS_SHOWN = 3;

  private CycloneDxJson() {}

  /** The version a JSON BOM declares, refused when missing or without a JSON schema here. */
  public static Version declaredVersion(JsonNode bom, String what) {
    JsonNode v = bom.get("specVersion");
    if (v == null || !v.isTextual()) {
      throw new InvalidInputException(what + ": CycloneDX specVersion is missing or not a string");
    }
    return jsonVersion(v.textValue(), what);
  }

  /** {@code specVersion} as a core-java version with a JSON schema (1.2 to 1.6). */
  public static Version jsonVersion(String specVersion, String what) {
    Version version = Version.fromVersionString(specVersion);
    if (version == null || version.getVersion() < 1.2) {
      throw new InvalidInputException(what + ": CycloneDX specVersion '" + abbreviate(specVersion)
          + "' is not supported as JSON; supported: 1.2 to 1.6");
    }
    return version;
  }

  /** Validates {@code bom} against the schema of {@code version}; the first errors are named. */
  public static void validate(JsonNode bom, Version version, String what) {
    List<ParseException> errors;
    try {
      errors = new JsonParser().validate(bom, version);
    } catch (IOException e) {
      throw new InvalidInputException(what + ": cannot validate against the CycloneDX "
          + version.getVersionString() + " schema: " + e.getMessage(), e);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(what + " is not valid CycloneDX " + version.getVersionString() + " ("
          + errors.size() + " schema error" + (errors.size() == 1 ? "" : "s") + "): " + errors.stream()
          .limit(ERRORS_SHOWN).map(e -> abbreviate(e.getMessage())).collect(Collectors.joining("; ")));
    }
  }

  /** Parses already validated JSON into the model. */
  public static Bom parse(byte[] json, String what) {
    try {
      return new JsonParser().parse(json);
    } catch (ParseException | RuntimeException e) {
      throw new InvalidInputException(what + ": CycloneDX JSON cannot be parsed: " + abbreviate(e.getMessage()), e);
    }
  }

  /** The JSON form of {@code bom} in {@code version}. */
  public static JsonNode toJson(Bom bom, Version version) {
    return new BomJsonGenerator(bom, version).toJsonNode();
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "(no message)";
    }
    return s.length() <= 300 ? s : s.substring(0, 297) + "...";
  }
}
