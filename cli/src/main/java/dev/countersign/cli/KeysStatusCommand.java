package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestKeyResolver;
import dev.countersign.keys.ManifestTrust;
import dev.countersign.keys.ceremony.HttpOrigin;
import dev.countersign.keys.ceremony.KeyStatusReport;
import dev.countersign.keys.ceremony.Publisher;
import dev.countersign.keys.ceremony.RotationPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code keys status --keys URL_OR_DIR --trust-root FILE [--fail-if-due-within 7d]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Verify the published key manifest from the pinned trust root and print every key's state and "
        + "the days until rotation is due.",
        "Exit status: 0 ok, 1 a trust rule failed or rotation is due within --fail-if-due-within, 2 bad input."})
final class KeysStatusCommand implements Callable<Integer> {
  @ParentCommand
  KeysCommand parent;

  @Option(names = "--keys", required = true, paramLabel = "URL_OR_DIR",
      description = "where keys.json is published: a base URL or a directory")
  String keys;

  @Option(names = "--trust-root", required = true, paramLabel = "FILE",
      description = "the pinned manifest, e.g. 1.keys.json")
  Path trustRoot;

  @Option(names = "--fail-if-due-within", paramLabel = "DURATION",
      description = "exit 1 when rotation is due within this time, e.g. 7d (whole days)")
  String failIfDueWithin;

  @Option(names = "--validity", paramLabel = "DURATION", defaultValue = "90d",
      description = "rotation policy validity for open-ended keys (default: ${DEFAULT-VALUE})")
  String validity;

  @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "14d",
      description = "rotation policy overlap (default: ${DEFAULT-VALUE})")
  String overlap;

  @Override
  public Integer call() throws IOException {
    RotationPolicy policy = RotationPolicy.of(KeysOptions.duration(validity, "--validity"),
        KeysOptions.duration(overlap, "--overlap"));
    Duration within = failIfDueWithin == null ? null : KeysOptions.duration(failIfDueWithin, "--fail-if-due-within");
    byte[] root = CliFiles.readAll(trustRoot);
    Instant now = Instant.now();
    KeyManifest manifest = HttpOrigin.isUrl(keys) ? fromUrl(root) : fromDirectory(root, Path.of(keys), now);
    KeyStatusReport report = KeyStatusReport.of(manifest, policy, now);
    parent.out().println(report);
    String due = report.daysUntilRotationDue().isPresent()
        ? "rotation due in " + report.daysUntilRotationDue().getAsLong() + " days" : "no active key";
    parent.out().println(due);
    if (within != null && report.dueWithin(within.toDays())) {
      parent.err().println("Error: " + due + " (--fail-if-due-within " + failIfDueWithin + ")");
      return Main.VERIFICATION_FAILED;
    }
    return 0;
  }

  private KeyManifest fromUrl(byte[] root) throws IOException {
    Path cache = Files.createTempDirectory("countersign-keys-status");
    try {
      return ManifestKeyResolver.builder(keys).trustRoot(root).cacheDirectory(cache).build().refresh();
    } finally {
      try (Stream<Path> s = Files.walk(cache)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Walks {@code root+1.keys.json ... N.keys.json} in {@code dir} up to the version keys.json holds. */
  private static KeyManifest fromDirectory(byte[] root, Path dir, Instant now) {
    ManifestTrust trust = ManifestTrust.pin(root);
    Path latest = dir.resolve(Publisher.LATEST);
    if (!Files.exists(latest)) {
      throw new InvalidInputException("no " + Publisher.LATEST + " in " + dir);
    }
    byte[] latestBytes = CliFiles.readAll(latest);
    int target = KeyManifest.parse(latestBytes).version();
    List<byte[]> chain = new ArrayList<>();
    for (int v = trust.trusted().version() + 1; v < target; v++) {
      chain.add(CliFiles.readAll(dir.resolve(v + ".keys.json")));
    }
    chain.add(latestBytes);
    return trust.trustChain(chain, now).trusted();
  }
}
