package dev.countersign.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.sbom.internal.attest.StrictSbomJson;
import java.util.Arrays;
import java.util.Objects;

/**
 * An SBOM ready to be attached as an in-toto predicate: a checked CycloneDX (JSON, or XML converted to JSON) or
 * SPDX 2.2/2.3 JSON document, as made by {@link SbomDocuments}. Immutable; the JSON is copied in and out.
 */
public final class SbomDocument {
  /** What the document was read from. */
  public enum Source {
    /** CycloneDX JSON, attached as read. */
    CYCLONEDX_JSON,
    /** CycloneDX XML, converted to JSON of the same version through core-java's model. */
    CYCLONEDX_XML,
    /** A BOM built in memory (e.g. by {@link SbomGenerator}). */
    CYCLONEDX_MODEL,
    /** SPDX 2.2 or 2.3 JSON, attached as read. */
    SPDX_JSON
  }

  private final Source source;
  private final String specVersion;
  private final byte[] json;
  private final JsonNode predicate;

  SbomDocument(Source source, String specVersion, JsonNode predicate) {
    this.source = Objects.requireNonNull(source, "source");
    this.specVersion = Objects.requireNonNull(specVersion, "specVersion");
    this.predicate = predicate.deepCopy();
    this.json = StrictSbomJson.compact(predicate);
  }

  public Source source() {
    return source;
  }

  /** True for CycloneDX, false for SPDX. */
  public boolean isCycloneDx() {
    return source != Source.SPDX_JSON;
  }

  /** {@code https://cyclonedx.org/bom} or {@code https://spdx.dev/Document}. */
  public String predicateType() {
    return isCycloneDx() ? PredicateTypes.CYCLONEDX : PredicateTypes.SPDX;
  }

  /** CycloneDX {@code specVersion} ({@code 1.6}) or SPDX {@code spdxVersion} ({@code SPDX-2.3}). */
  public String specVersion() {
    return specVersion;
  }

  /** The predicate: the document as a JSON object (a copy). */
  public JsonNode predicate() {
    return predicate.deepCopy();
  }

  /** The predicate as compact UTF-8 JSON (a copy). */
  public byte[] json() {
    return json.clone();
  }

  /** Size of {@link #json()} in bytes: what counts against the attestation size cap. */
  public int size() {
    return json.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SbomDocument d && d.source == source && Arrays.equals(d.json, json);
  }

  @Override
  public int hashCode() {
    return 31 * source.hashCode() + Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return "SbomDocument{" + source + " " + specVersion + ", " + json.length + " bytes}";
  }
}
