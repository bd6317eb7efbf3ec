package dev.countersign.cli;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code countersign digest FILE}: prints {@code sha256:<hex>}, streaming the file. */
@Command(name = "digest", mixinStandardHelpOptions = true,
    description = "Print the digest of a file as <algorithm>:<hex> (streams the file).")
final class DigestCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--algorithm", defaultValue = "sha256", paramLabel = "ALG",
      description = "sha256 (default), sha384 or sha512")
  String algorithm;

  @Parameters(paramLabel = "FILE", description = "the file to digest")
  Path file;

  @Override
  public Integer call() {
    Digest d = Digest.compute(DigestAlgorithm.parse(algorithm), CliFiles.requireReadable(file));
    spec.commandLine().getOut().println(d);
    return 0;
  }
}
