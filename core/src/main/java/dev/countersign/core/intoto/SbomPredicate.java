package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A CycloneDX or SPDX document carried as a predicate ({@code https://cyclonedx.org/bom[/vX]},
 * {@code https://spdx.dev/Document[/vX]}). The document may be the predicate object itself or a JSON document
 * written as a string (as some tools emit it); {@link #document()} is the parsed object either way.
 */
public final class SbomPredicate implements Predicate {
  /** The SBOM formats. */
  public enum Format {
    CYCLONEDX, SPDX
  }

  private final String predicateType;
  private final Format format;
  private final JsonNode predicate;
  private final JsonNode document;

  private SbomPredicate(String predicateType, Format format, JsonNode predicate, JsonNode document) {
    this.predicateType = predicateType;
    this.format = format;
    this.predicate = predicate.deepCopy();
    this.document = document;
  }

  /** Whether {@code predicateType} is a CycloneDX or SPDX type (versioned or not). */
  public static boolean isSbom(String predicateType) {
    return formatOf(predicateType) != null;
  }

  /** The SBOM of a statement; {@link InvalidInputException} when it is not CycloneDX or SPDX. */
  public static SbomPredicate from(InTotoStatement statement) {
    return of(statement.predicateType(), statement.predicate());
  }

  /** An SBOM predicate of {@code predicateType}: an object, or a string holding a JSON object. */
  public static SbomPredicate of(String predicateType, JsonNode predicate) {
    Format f = formatOf(Objects.requireNonNull(predicateType, "predicateType"));
    if (f == null) {
      throw new InvalidInputException("predicate type " + predicateType + " is neither CycloneDX nor SPDX");
    }
    JsonNode doc;
    if (predicate != null && predicate.isObject()) {
      doc = predicate.deepCopy();
    } else if (predicate != null && predicate.isTextual()) {
      doc = StrictJson.parseObject(predicate.textValue().getBytes(StandardCharsets.UTF_8), f + " document");
    } else {
      throw new InvalidInputException(f + " predicate must be an object or a JSON document as a string");
    }
    return new SbomPredicate(predicateType, f, predicate, doc);
  }

  private static Format formatOf(String type) {
    if (PredicateTypes.matches(PredicateTypes.CYCLONEDX, type)) {
      return Format.CYCLONEDX;
    }
    return PredicateTypes.matches(PredicateTypes.SPDX, type) ? Format.SPDX : null;
  }

  public Format format() {
    return format;
  }

  /** The SBOM document (a copy). */
  public JsonNode document() {
    return document.deepCopy();
  }

  /** CycloneDX {@code specVersion} or SPDX {@code spdxVersion}. */
  public Optional<String> specVersion() {
    JsonNode v = document.get(format == Format.CYCLONEDX ? "specVersion" : "spdxVersion");
    return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
  }

  @Override
  public String predicateType() {
    return predicateType;
  }

  /** The predicate as carried (object or string). */
  @Override
  public JsonNode toJson() {
    return predicate.deepCopy();
  }

  @Override
  public String toString() {
    return "SbomPredicate{" + format + " " + specVersion().orElse("?") + "}";
  }
}
