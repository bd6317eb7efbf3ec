package dev.countersign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.keys.KeyDecision;
import dev.countersign.keys.KeyResolution;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.ManifestKeyResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link ManifestKeyResolver} that remembers every {@link KeyResolution} of a command, so the command can say
 * which manifest version it used, where it came from and which rule accepted or refused each key (text on stderr,
 * a {@code keyManifest} object in JSON output), and name the rule that refused the key that made a signature.
 */
final class ManifestKeys implements KeyResolver {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ManifestKeyResolver resolver;
  private final List<KeyResolution> resolutions = new ArrayList<>();

  ManifestKeys(ManifestKeyResolver resolver) {
    this.resolver = resolver;
  }

  ManifestKeyResolver resolver() {
    return resolver;
  }

  @Override
  public synchronized List<Verifier> resolve(KeyQuery query) {
    List<Verifier> found = resolver.resolve(query);
    resolver.lastResolution().ifPresent(resolutions::add);
    return found;
  }

  /** Records a resolution made directly on the resolver (e.g. of OpenPGP keys). */
  synchronized void record() {
    resolver.lastResolution().ifPresent(resolutions::add);
  }

  /** The last decision for each key, in the order first seen. */
  synchronized List<KeyDecision> decisions() {
    Map<String, KeyDecision> byKey = new LinkedHashMap<>();
    for (KeyResolution r : resolutions) {
      r.decisions().forEach(d -> byKey.put(d.keyId().value(), d));
    }
    return List.copyOf(byKey.values());
  }

  synchronized Optional<KeyResolution> last() {
    return resolutions.isEmpty() ? Optional.empty() : Optional.of(resolutions.get(resolutions.size() - 1));
  }

  /**
   * Among the keys the rules refused, the one that made the signature: each refused key is tried alone with
   * {@code verifiesWith} (which re-runs the command's verification).
   */
  Optional<KeyDecision> refusedSigner(Predicate<KeyResolver> verifiesWith) {
    for (KeyDecision d : decisions()) {
      if (d.accepted()) {
        continue;
      }
      Optional<ManifestKey> key = resolver.manifest().flatMap(m -> m.keys().stream()
          .filter(k -> k.keyId().equals(d.keyId()) && k.publicKey().isPresent()).findFirst());
      if (key.isPresent()
          && verifiesWith.test(KeyResolver.of(Verifiers.of(key.get().publicKey().get(), key.get().algorithm())))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** "Key manifest: version N from SOURCE (...)" and one line per key decision. */
  void print(PrintWriter err) {
    last().ifPresent(r -> err.println("Key manifest: version " + r.manifestVersion() + " from "
        + r.source().name().toLowerCase(Locale.ROOT).replace('_', '-') + " (" + r.sourceDetail() + ")"));
    for (KeyDecision d : decisions()) {
      err.println("  key " + d.keyId().value() + " (" + d.status().id() + "): "
          + (d.accepted() ? "accepted" : "refused") + " by rule " + d.rule() + ": " + d.detail());
    }
  }

  /** Prints why the verification failed as far as the manifest rules are concerned. */
  void printRefusal(PrintWriter err, Predicate<KeyResolver> verifiesWith) {
    print(err);
    refusedSigner(verifiesWith).ifPresent(d -> err.println("Error: the signature was made by key "
        + d.keyId().value() + " (" + d.status().id() + "), refused by rule " + d.rule() + ": " + d.detail()));
  }

  /** {@code json} (an object) with a {@code keyManifest} member: version, source, detail and the decisions. */
  String addTo(String json) {
    try {
      ObjectNode root = (ObjectNode) MAPPER.readTree(json);
      ObjectNode m = root.putObject("keyManifest");
      last().ifPresent(r -> {
        m.put("version", r.manifestVersion());
        m.put("source", r.source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("detail", r.sourceDetail());
      });
      ArrayNode keys = m.putArray("decisions");
      for (KeyDecision d : decisions()) {
        ObjectNode n = keys.addObject();
        n.put("keyId", d.keyId().value());
        n.put("status", d.status().id());
        n.put("accepted", d.accepted());
        n.put("rule", d.rule());
        n.put("detail", d.detail());
      }
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("cannot add the key manifest decisions to the JSON output", e);
    }
  }
}
