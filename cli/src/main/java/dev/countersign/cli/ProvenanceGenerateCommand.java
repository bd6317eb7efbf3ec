package dev.countersign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.ProvenanceGenerator;
import dev.countersign.core.intoto.SlsaProvenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provenance generate [--from-env] [--source-uri U --commit C --ref R --builder-id B --build-type T
 * --entry-point E] --subject FILE_OR_IMAGE}: a SLSA v1 provenance statement for a file or an image.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Print a SLSA v1 provenance statement (unsigned in-toto Statement v1) about a file or an image.",
        "--from-env fills it from the CI it runs in (GitHub Actions, GitLab CI, Jenkins, Tekton); the other "
            + "options set or override values. --predicate-only prints just the predicate, for attest --predicate."})
final class ProvenanceGenerateCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand
  ProvenanceCommand parent;

  @Option(names = "--from-env", description = "read the CI environment variables")
  boolean fromEnv;

  @Option(names = "--source-uri", paramLabel = "URI", description = "source repository, e.g. https://github.com/o/r")
  String sourceUri;

  @Option(names = "--commit", paramLabel = "SHA", description = "the source commit (40 or 64 hex digits)")
  String commit;

  @Option(names = "--ref", paramLabel = "REF", description = "the source ref, e.g. refs/heads/main")
  String ref;

  @Option(names = "--builder-id", paramLabel = "URI", description = "the builder's id")
  String builderId;

  @Option(names = "--build-type", paramLabel = "URI", description = "the build type")
  String buildType;

  @Option(names = "--entry-point", paramLabel = "COMMAND", description = "the build command, e.g. 'make image'")
  String entryPoint;

  @Option(names = "--subject", required = true, paramLabel = "FILE_OR_IMAGE",
      description = "a file, or an image reference (registry or oci:PATH:TAG) whose digest is the subject")
  String subject;

  @Option(names = "--predicate-only", description = "print only the predicate")
  boolean predicateOnly;

  @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "write here instead of standard output")
  Path output;

  @Mixin
  RegistryOptions registry;

  @Override
  public Integer call() throws IOException {
    ProvenanceGenerator g = fromEnv ? ProvenanceGenerator.fromEnvironment(parent.env().variables())
        : ProvenanceGenerator.explicit();
    if (sourceUri != null || commit != null || ref != null) {
      if (sourceUri == null || commit == null) {
        throw new InvalidInputException("--source-uri and --commit go together (and --ref when known)");
      }
      g.source(sourceUri, ref, commit);
    }
    if (builderId != null) {
      g.builderId(builderId);
    }
    if (buildType != null) {
      g.buildType(buildType);
    }
    if (entryPoint != null) {
      g.entryPoint(entryPoint);
    }
    SlsaProvenance provenance = g.generate();
    String text;
    if (predicateOnly) {
      text = JSON.writeValueAsString(provenance.toJson());
    } else {
      InTotoStatement statement = InTotoStatement.builder().subject(subjectName(), subjectDigest())
          .predicate(provenance).build();
      text = new String(statement.toJson(), StandardCharsets.UTF_8);
    }
    if (output != null) {
      CliFiles.write(output, text + "\n", StandardCharsets.UTF_8);
    } else {
      parent.spec.commandLine().getOut().println(text);
    }
    return 0;
  }

  private String subjectName() {
    Path p = Path.of(subject);
    return Files.isRegularFile(p) ? p.getFileName().toString() : subject;
  }

  private Digest subjectDigest() {
    Path p = Path.of(subject);
    if (Files.isRegularFile(p)) {
      return Digest.compute(DigestAlgorithm.SHA256, p);
    }
    try (ImageTarget target = ImageTarget.open(subject, registry.insecure)) {
      return target.repository().resolve(target.tagOrDigest())
          .orElseThrow(() -> new InvalidInputException("no file and no image at " + subject)).digest();
    }
  }
}
