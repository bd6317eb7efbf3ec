package dev.countersign.sbom.internal.attest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.PredicateTypes;
import dev.countersign.core.intoto.SbomPredicate;
import org.cyclonedx.Version;

/**
 * The checks on the SBOM inside an attestation whose signature and subject have already verified: the predicate
 * is a JSON object (or a JSON document as a string), within the size cap, of the kind asked for; a CycloneDX
 * document validates against the schema of its {@code specVersion} (which must agree with a versioned predicate
 * type) and parses into the model; an SPDX document has SPDX's mandatory fields.
 */
public final class SignedSbomCheck {
  private SignedSbomCheck() {}

  /** A checked SBOM: its JSON and declared version. */
  public record Checked(byte[] json, String specVersion) {}

  /** Checks the SBOM of a verified {@code statement}; {@link InvalidInputException} says what is wrong. */
  public static Checked check(InTotoStatement statement, boolean cycloneDx, int maxBytes) {
    String type = statement.predicateType();
    SbomPredicate predicate = SbomPredicate.of(type, statement.predicate());
    if ((predicate.format() == SbomPredicate.Format.CYCLONEDX) != cycloneDx) {
      throw new InvalidInputException("predicate type " + type + " is not " + (cycloneDx ? "CycloneDX" : "SPDX"));
    }
    JsonNode doc = predicate.document();
    byte[] json = StrictSbomJson.compact(doc);
    if (json.length > maxBytes) {
      throw new InvalidInputException("the signed SBOM is " + json.length + " bytes, above the cap of " + maxBytes);
    }
    String what = "the signed SBOM";
    if (!cycloneDx) {
      return new Checked(json, SpdxJson.check(doc, what));
    }
    JsonNode format = doc.get("bomFormat");
    if (format == null || !"CycloneDX".equals(format.asText())) {
      throw new InvalidInputException(what + " has no \"bomFormat\": \"CycloneDX\"");
    }
    Version version = CycloneDxJson.declaredVersion(doc, what);
    String base = PredicateTypes.CYCLONEDX + "/";
    if (type.startsWith(base)) {
      String typed = type.substring(base.length());
      typed = typed.startsWith("v") ? typed.substring(1) : typed;
      if (!typed.equals(version.getVersionString())) {
        throw new InvalidInputException("predicate type " + type + " names CycloneDX " + typed
            + " but the BOM's specVersion is " + version.getVersionString());
      }
    }
    CycloneDxJson.validate(doc, version, what);
    CycloneDxJson.parse(json, what);
    return new Checked(json, version.getVersionString());
  }
}
