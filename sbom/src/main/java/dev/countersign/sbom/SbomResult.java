package dev.countersign.sbom;

import java.util.List;
import java.util.Objects;
import org.cyclonedx.model.Bom;

/**
 * A generated BOM (already validated against the schema of its own specVersion) and the warnings about input
 * the generator skipped. The BOM is a mutable core-java model: callers that change it own the result.
 */
public final class SbomResult {
  private final Bom bom;
  private final List<SbomWarning> warnings;

  /** A result; {@code warnings} is copied. */
  public SbomResult(Bom bom, List<SbomWarning> warnings) {
    this.bom = Objects.requireNonNull(bom, "bom");
    this.warnings = List.copyOf(warnings);
  }

  public Bom bom() {
    return bom;
  }

  /** Warnings in the order they were found; empty when every entry was read. */
  public List<SbomWarning> warnings() {
    return warnings;
  }

  /** The BOM as JSON for its own specVersion ({@link Sboms#toJson}). */
  public byte[] json() {
    return Sboms.toJson(bom);
  }

  @Override
  public String toString() {
    return "SbomResult " + bom.getSpecVersion() + ", " + (bom.getComponents() == null ? 0
        : bom.getComponents().size()) + " components, " + warnings.size() + " warnings";
  }
}
