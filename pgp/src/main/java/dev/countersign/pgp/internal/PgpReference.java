package dev.countersign.pgp.internal;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.spi.KeyReference;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code pgp://} key reference: {@code pgp://PATH[#SELECTOR]}. {@code pgp:///home/u/secring.gpg#helm} names an
 * absolute path, {@code pgp://keys/ring.gpg#helm} one relative to the working directory. The selector (after the
 * first {@code #}, taken literally) is what {@code PgpKeyring.select} takes: a fingerprint, a long key id or a
 * user-id substring; without one the keyring must hold exactly one key.
 */
public record PgpReference(Path keyring, Optional<String> selector) {
  public static final String SCHEME = "pgp";

  public static PgpReference parse(KeyReference reference) {
    if (!SCHEME.equals(reference.scheme())) {
      throw new InvalidInputException("the pgp key backend cannot open '" + reference.scheme() + "://' references");
    }
    String rest = reference.schemeSpecificPart();
    int hash = rest.indexOf('#');
    String path = hash < 0 ? rest : rest.substring(0, hash);
    String selector = hash < 0 ? "" : rest.substring(hash + 1);
    if (path.isEmpty() || path.equals("/")) {
      throw new InvalidInputException("pgp key reference names no keyring file: " + reference.text()
          + " (expected pgp:///ABSOLUTE/PATH#KEY or pgp://RELATIVE/PATH#KEY)");
    }
    if (hash >= 0 && selector.isEmpty()) {
      throw new InvalidInputException("pgp key reference has an empty key selector after '#': " + reference.text());
    }
    try {
      return new PgpReference(Path.of(path), Optional.ofNullable(selector.isEmpty() ? null : selector));
    } catch (InvalidPathException e) {
      throw new InvalidInputException("pgp key reference has an invalid path: " + reference.text());
    }
  }
}
