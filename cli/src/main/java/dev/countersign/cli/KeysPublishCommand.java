package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ceremony.Draft;
import dev.countersign.keys.ceremony.HttpOrigin;
import dev.countersign.keys.ceremony.Publication;
import dev.countersign.keys.ceremony.Publisher;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keys publish --dir DIR DRAFT}: publishes a draft once the trust rules hold. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Publish a signed draft: only when it is signed by a threshold of the current version's members "
        + "and of its own (the rule that failed is named, exit 1). Then KMS keys staged by keys rotate --kms are "
        + "enabled and their alias moved, and pubkey-*.pem, N.keys.json, N.ceremony.json and keys.json are written.",
        "DIR is the directory a CDN serves, or an http(s) origin URL that accepts PUT (keys.json is put last)."})
final class KeysPublishCommand implements Callable<Integer> {
  @ParentCommand
  KeysCommand parent;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "published directory or origin URL")
  String dir;

  @Parameters(paramLabel = "DRAFT", description = "the signed draft file")
  Path draftFile;

  @Override
  public Integer call() {
    Draft draft = Draft.read(CliFiles.requireReadable(draftFile));
    KeyManifest current = KeysOptions.published(dir);
    KeyBackends backends = KeyBackends.discover();
    Instant now = Instant.now();
    Publication p = HttpOrigin.isUrl(dir)
        ? Publisher.publish(draft, current, HttpOrigin.of(dir), now, backends)
        : Publisher.publish(draft, current, Path.of(dir), now, backends);
    parent.out().println("Published key manifest version " + p.manifest().version() + " to " + p.location());
    p.files().forEach(f -> parent.out().println("  " + f));
    return 0;
  }
}
