package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * Typed access to a statement's predicate: {@link #read(InTotoStatement)} gives {@link SlsaProvenance},
 * {@link VerificationSummary}, {@link SbomPredicate}, {@link CosignPredicate} or {@link VulnPredicate} by predicate
 * type, and {@link #raw(String, JsonNode)} for any other type.
 */
public final class Predicates {
  private Predicates() {}

  /** The statement's predicate, typed when its type is one of those modelled here, else raw JSON. */
  public static Predicate read(InTotoStatement statement) {
    String type = statement.predicateType();
    if (SlsaProvenance.isProvenance(type)) {
      return SlsaProvenance.from(statement);
    }
    if (PredicateTypes.SLSA_VSA_V1.equals(type)) {
      return VerificationSummary.from(statement);
    }
    if (SbomPredicate.isSbom(type)) {
      return SbomPredicate.from(statement);
    }
    if (PredicateTypes.COSIGN_CUSTOM.equals(type)) {
      return CosignPredicate.from(statement);
    }
    if (PredicateTypes.COSIGN_VULN.equals(type)) {
      return VulnPredicate.from(statement);
    }
    return raw(type, statement.predicate());
  }

  /** A predicate of any type as raw JSON (null or absent: JSON null). */
  public static Predicate raw(String predicateType, JsonNode json) {
    Objects.requireNonNull(predicateType, "predicateType");
    JsonNode copy = json == null ? NullNode.getInstance() : json.deepCopy();
    return new Predicate() {
      @Override
      public String predicateType() {
        return predicateType;
      }

      @Override
      public JsonNode toJson() {
        return copy.deepCopy();
      }

      @Override
      public String toString() {
        return "Predicate{" + predicateType + "}";
      }
    };
  }
}
