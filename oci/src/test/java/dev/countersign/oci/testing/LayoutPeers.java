package dev.countersign.oci.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the layout peers (umoci, skopeo, tar) installed by {@code src/test/peers/install.sh}. A missing peer
 * or a non-zero exit fails the test with the peer's output; nothing is skipped.
 */
public final class LayoutPeers {
  private LayoutPeers() {}

  /** Runs {@code command}, returns its stdout; fails when it exits non-zero or takes over two minutes. */
  public static String run(String... command) {
    Result r = runAllowingFailure(command);
    if (r.exit != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + r.exit + ":\n" + r.output);
    }
    return r.output;
  }

  /** Runs {@code command} and returns exit code and combined output. */
  public static Result runAllowingFailure(String... command) {
    try {
      Path out = Files.createTempFile("peer-", ".out");
      try {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(out.toFile())
            .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command[0] + " (run oci/src/test/peers/install.sh): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Exit code and combined stdout/stderr of a peer run. */
  public static final class Result {
    public final int exit;
    public final String output;

    Result(int exit, String output) {
      this.exit = exit;
      this.output = output;
    }
  }
}
