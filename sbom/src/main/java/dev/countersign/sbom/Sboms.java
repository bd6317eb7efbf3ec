package dev.countersign.sbom;

import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;

/** CycloneDX JSON for {@link Bom}s: writing for the BOM's own specVersion, schema validation, parsing. */
public final class Sboms {
  private Sboms() {}

  /** The specVersion a BOM declares; {@link InvalidInputException} when missing or unknown. */
  public static Version specVersion(Bom bom) {
    String v = bom.getSpecVersion();
    Version version = v == null ? null : Version.fromVersionString(v);
    if (version == null) {
      throw new InvalidInputException("BOM specVersion is missing or unknown: " + v);
    }
    return version;
  }

  /** Pretty-printed UTF-8 JSON of {@code bom} for its own specVersion (fields newer than it are left out). */
  public static byte[] toJson(Bom bom) {
    try {
      return BomGeneratorFactory.createJson(specVersion(bom), bom).toJsonString(true)
          .getBytes(StandardCharsets.UTF_8);
    } catch (GeneratorException e) {
      throw new InvalidInputException("cannot write the BOM as JSON: " + e.getMessage(), e);
    }
  }

  /** Schema validation messages of CycloneDX JSON against {@code version}'s schema; empty when valid. */
  public static List<String> validate(byte[] json, Version version) {
    try {
      return new JsonParser().validate(json, version).stream().map(Throwable::getMessage)
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot validate the BOM", e);
    }
  }

  /**
   * Parses CycloneDX JSON after validating it against the schema of the specVersion it declares; invalid or
   * unparseable input -> {@link InvalidInputException} with the validator's messages.
   */
  public static Bom parseJson(byte[] json) {
    Bom bom;
    try {
      bom = new JsonParser().parse(json);
    } catch (ParseException | RuntimeException e) {
      throw new InvalidInputException("not a CycloneDX JSON BOM: " + e.getMessage(), e);
    }
    List<String> errors = validate(json, specVersion(bom));
    if (!errors.isEmpty()) {
      throw new InvalidInputException("the BOM does not validate against CycloneDX " + bom.getSpecVersion()
          + ": " + String.join("; ", errors));
    }
    return bom;
  }
}
