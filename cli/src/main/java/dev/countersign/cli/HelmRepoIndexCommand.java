package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.helm.ChartRepositoryIndex;
import dev.countersign.pgp.helm.RepositoryIndexer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code helm repo index DIR [--url URL] [--merge INDEX]}: writes {@code DIR/index.yaml} as Helm does. */
@Command(name = "index", mixinStandardHelpOptions = true,
    description = {"Write DIR/index.yaml for the packaged charts (*.tgz) in DIR and its subdirectories.",
        "With --merge, charts of the given index are kept where DIR has none of the same name and version "
            + "(local charts take priority, as in Helm)."})
final class HelmRepoIndexCommand implements Callable<Integer> {
  @ParentCommand
  HelmRepoCommand parent;

  @Option(names = "--url", paramLabel = "URL", description = "URL of the chart repository (default: relative URLs)")
  String url;

  @Option(names = "--merge", paramLabel = "INDEX", description = "merge the generated index into this index")
  Path merge;

  @Parameters(paramLabel = "DIR", description = "directory holding the packaged charts")
  Path dir;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + " is not a directory");
    }
    RepositoryIndexer.Builder builder = RepositoryIndexer.builder();
    if (url != null) {
      builder.url(url);
    }
    if (merge != null) {
      builder.merge(merge);
    }
    ChartRepositoryIndex index = builder.build().writeIndex(dir);
    var err = parent.parent.spec.commandLine().getErr();
    for (String skipped : index.skipped()) {
      err.println("Note: skipped " + skipped);
    }
    return 0;
  }
}
