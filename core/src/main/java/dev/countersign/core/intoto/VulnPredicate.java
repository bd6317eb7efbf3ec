package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.StrictJson;
import dev.countersign.core.internal.intoto.ProvenanceReader;
import java.time.Instant;
import java.util.Optional;

/**
 * cosign's {@code vuln} predicate ({@code https://cosign.sigstore.dev/attestation/vuln/v1}): the scanner
 * ({@code scanner.uri}, {@code scanner.version}, {@code scanner.db}), its raw {@code scanner.result} and the scan
 * times ({@code metadata.scanStartedOn}, {@code metadata.scanFinishedOn}).
 */
public final class VulnPredicate implements Predicate {
  private final JsonNode json;
  private final JsonNode scanner;
  private final Instant started;
  private final Instant finished;

  private VulnPredicate(JsonNode json) {
    this.json = json.deepCopy();
    this.scanner = StrictJson.object(json, "scanner", "predicate.scanner", true);
    StrictJson.string(scanner, "uri", "predicate.scanner.uri", true);
    JsonNode meta = StrictJson.object(json, "metadata", "predicate.metadata", false);
    this.started = ProvenanceReader.time(meta, "scanStartedOn", "predicate.metadata");
    this.finished = ProvenanceReader.time(meta, "scanFinishedOn", "predicate.metadata");
  }

  /** Reads the predicate of a {@code vuln} statement. */
  public static VulnPredicate from(InTotoStatement statement) {
    if (!PredicateTypes.COSIGN_VULN.equals(statement.predicateType())) {
      throw new InvalidInputException("predicate type " + statement.predicateType() + " is not "
          + PredicateTypes.COSIGN_VULN);
    }
    return of(statement.predicate());
  }

  /** A vuln predicate from its JSON. */
  public static VulnPredicate of(JsonNode predicate) {
    if (predicate == null || !predicate.isObject()) {
      throw new InvalidInputException("vuln predicate must be an object");
    }
    return new VulnPredicate(predicate);
  }

  public String scannerUri() {
    return scanner.get("uri").textValue();
  }

  public Optional<String> scannerVersion() {
    return Optional.ofNullable(StrictJson.string(scanner, "version", "predicate.scanner.version", false));
  }

  /** {@code scanner.result} as written by the scanner; {@link NullNode} when absent. */
  public JsonNode result() {
    JsonNode r = StrictJson.member(scanner, "result");
    return r == null ? NullNode.getInstance() : r.deepCopy();
  }

  public Optional<Instant> scanStartedOn() {
    return Optional.ofNullable(started);
  }

  public Optional<Instant> scanFinishedOn() {
    return Optional.ofNullable(finished);
  }

  @Override
  public String predicateType() {
    return PredicateTypes.COSIGN_VULN;
  }

  @Override
  public JsonNode toJson() {
    return json.deepCopy();
  }
}
