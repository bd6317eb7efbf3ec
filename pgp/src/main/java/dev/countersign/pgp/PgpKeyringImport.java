package dev.countersign.pgp;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.pgp.internal.KeyMerge;
import dev.countersign.pgp.internal.KeyValidity;
import dev.countersign.pgp.internal.KeyringCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * Imports keys into a local keyring file as {@code gpg --import} does ({@code pgp import --keyring DEST FILE...}):
 * a key already present (same fingerprint) gains the new user ids, subkeys and signatures (a revocation among
 * them); bare revocation certificates ({@code gpg --gen-revoke} output) are added to their key after their
 * signature is checked. Files named {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg} must hold exactly the key their name
 * states ({@link PublishedKeyrings#importFile}). Secret keys are refused unless {@link #allowSecretKeys}. The
 * keyring is rewritten atomically (temporary file, then move); it is created when missing. Immutable.
 */
public final class PgpKeyringImport {
  private final Path keyring;
  private final boolean allowSecret;

  private PgpKeyringImport(Path keyring, boolean allowSecret) {
    this.keyring = keyring;
    this.allowSecret = allowSecret;
  }

  /** An import into {@code keyring} (binary; created when missing). */
  public static PgpKeyringImport into(Path keyring) {
    return new PgpKeyringImport(Objects.requireNonNull(keyring, "keyring"), false);
  }

  /** This import, also taking secret keys (the destination then holds them, as a secret keyring). */
  public PgpKeyringImport allowSecretKeys() {
    return new PgpKeyringImport(keyring, true);
  }

  /** What an import did, by primary-key fingerprint. */
  public record Result(List<String> added, List<String> updated, List<String> unchanged) {}

  /** Imports every file, in order; nothing is written when any file is refused. */
  public Result importFiles(List<Path> files) {
    Map<String, KeyringCodec.Ring> rings = new LinkedHashMap<>();
    if (Files.exists(keyring)) {
      for (KeyringCodec.Ring r : KeyringCodec.parse(read(keyring), "keyring " + keyring.getFileName())) {
        rings.put(KeyValidity.fingerprint(r.publicRing().getPublicKey()), r);
      }
    }
    Map<String, byte[]> before = new LinkedHashMap<>();
    rings.forEach((f, r) -> before.put(f, encoded(r)));
    for (Path file : files) {
      for (KeyringCodec.Ring r : incoming(file, rings)) {
        if (r.secretRing() != null && !allowSecret) {
          throw new InvalidInputException(file.getFileName() + " holds the secret key "
              + KeyValidity.fingerprint(r.publicRing().getPublicKey()) + "; secret keys are imported only when asked");
        }
        String fpr = KeyValidity.fingerprint(r.publicRing().getPublicKey());
        KeyringCodec.Ring old = rings.get(fpr);
        rings.put(fpr, old == null ? r : KeyMerge.merge(old, r));
      }
    }
    List<String> added = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<byte[]> out = new ArrayList<>();
    rings.forEach((fpr, r) -> {
      byte[] enc = encoded(r);
      out.add(enc);
      (!before.containsKey(fpr) ? added : Arrays.equals(before.get(fpr), enc) ? unchanged : updated).add(fpr);
    });
    write(KeyringCodec.concat(out));
    return new Result(List.copyOf(added), List.copyOf(updated), List.copyOf(unchanged));
  }

  private List<KeyringCodec.Ring> incoming(Path file, Map<String, KeyringCodec.Ring> rings) {
    String name = file.getFileName().toString();
    if (name.startsWith("keyring-") && name.endsWith(".gpg")) {
      PgpKey key = PublishedKeyrings.importFile(file);
      return List.of(new KeyringCodec.Ring(key.bcPublicKeyRing(), null));
    }
    byte[] data = read(file);
    List<PGPSignature> revocations = KeyMerge.revocationCertificates(data);
    if (revocations.isEmpty()) {
      return KeyringCodec.parse(data, name);
    }
    List<KeyringCodec.Ring> out = new ArrayList<>();
    for (PGPSignature sig : revocations) {
      KeyringCodec.Ring target = rings.values().stream()
          .filter(r -> r.publicRing().getPublicKey().getKeyID() == sig.getKeyID()).findFirst()
          .orElseThrow(() -> new KeyNotFoundException(name + " revokes key " + KeyMerge.keyId(sig.getKeyID())
              + ", which is not in the keyring"));
      out.add(new KeyringCodec.Ring(KeyMerge.addRevocation(target.publicRing(), sig), null));
    }
    return out;
  }

  private static byte[] encoded(KeyringCodec.Ring r) {
    return KeyringCodec.encoded(r.secretRing() != null ? r.secretRing() : r.publicRing());
  }

  private static byte[] read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return KeyringCodec.readCapped(in, file.getFileName().toString());
    } catch (NoSuchFileException e) {
      throw new KeyNotFoundException("no such file: " + file);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(byte[] bytes) {
    Path dir = keyring.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, "." + keyring.getFileName(), ".tmp");
      try {
        Files.write(tmp, bytes);
        try {
          Files.move(tmp, keyring, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, keyring, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot write keyring " + keyring + ": " + e.getMessage(), e);
    }
  }
}
