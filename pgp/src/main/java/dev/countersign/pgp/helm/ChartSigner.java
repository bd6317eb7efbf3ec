package dev.countersign.pgp.helm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.BackendException;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.pgp.PgpUnlockedKey;
import dev.countersign.pgp.internal.chart.GoYamlEmitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Signs a packaged chart as {@code helm package --sign} / {@code helm sign} do: the metadata is read back from the
 * archive, the body is its YAML, {@code "\n...\n"} and {@code files:} mapping the archive's file name to
 * {@code sha256:<hex>} (Helm's {@code messageBlock}), and {@code NAME-VERSION.tgz.prov} is written next to it with
 * {@link Provenance#sign(byte[], PgpUnlockedKey, ProvenanceLayout, Instant)}.
 */
public final class ChartSigner {
  private ChartSigner() {}

  /** The provenance body Helm would sign for {@code tgz} (its metadata, {@code ...}, {@code files:}). */
  public static byte[] body(Path tgz) {
    Objects.requireNonNull(tgz, "tgz");
    ChartMetadata metadata = ChartArchive.readMetadata(tgz);
    ObjectNode files = JsonNodeFactory.instance.objectNode();
    files.putObject("files").put(tgz.getFileName().toString(), Digest.compute(DigestAlgorithm.SHA256, tgz).toString());
    String body = metadata.toYaml() + "\n...\n" + GoYamlEmitter.marshal(files);
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** Signs {@code tgz} in the Helm 3 layout, now, and writes {@code tgz + ".prov"}; returns its path. */
  public static Path sign(Path tgz, PgpUnlockedKey key) {
    return sign(tgz, key, ProvenanceLayout.HELM_3_CRC, Instant.now());
  }

  /** Signs {@code tgz} with signature time {@code created} in {@code layout}; writes and returns the .prov path. */
  public static Path sign(Path tgz, PgpUnlockedKey key, ProvenanceLayout layout, Instant created) {
    Objects.requireNonNull(key, "key");
    String prov = Provenance.sign(body(tgz), key, layout, created);
    Path out = tgz.resolveSibling(tgz.getFileName() + ".prov");
    try {
      Files.writeString(out, prov, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BackendException("cannot write " + out + ": " + e.getMessage(), false, e);
    }
    return out;
  }
}
