package dev.countersign.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent implementations that interop tests check against: {@code openssl}, Python
 * {@code cryptography}/PyNaCl (through {@code /usr/bin/python3}) and sigstore-js (node). They are installed by
 * {@code src/test/peers/install.sh}, which Maven runs before the tests; a missing peer fails the test (it never
 * skips), naming how to install it.
 */
public final class Peers {
  private Peers() {}

  /** The outcome of one peer process. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String output() {
      return stdout + stderr;
    }
  }

  /** Directory holding the peer scripts ({@code src/test/peers}). */
  public static Path scripts() {
    return Path.of(System.getProperty("countersign.peers.scripts", "src/test/peers")).toAbsolutePath();
  }

  /** Directory holding the npm peers ({@code node_modules}). */
  public static Path home() {
    return Path.of(System.getProperty("countersign.peers.home",
        System.getProperty("user.home") + "/.cache/countersign/peers"));
  }

  /** Runs {@code command}, failing the test on a time-out or when the program cannot start. */
  public static Result run(Map<String, String> env, String... command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    try {
      Path out = Files.createTempFile("peer", ".out");
      Path err = Files.createTempFile("peer", ".err");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("peer timed out: " + String.join(" ", command));
      }
      Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      return fail("cannot run peer " + command[0] + " (run core/src/test/peers/install.sh): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** Runs {@code openssl} with {@code args}. */
  public static Result openssl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    return run(Map.of(), cmd.toArray(String[]::new));
  }

  /** Runs a Python peer script from {@link #scripts()} with Debian's python3 (which has cryptography and nacl). */
  public static Result python(String script, String... args) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", scripts().resolve(script).toString()));
    cmd.addAll(List.of(args));
    return run(Map.of(), cmd.toArray(String[]::new));
  }

  /** Runs a node peer script from {@link #scripts()} with the npm peers on {@code NODE_PATH}. */
  public static Result node(String script, String... args) {
    Path modules = home().resolve("node_modules");
    if (!Files.isDirectory(modules)) {
      fail("npm peers missing in " + modules + " (run core/src/test/peers/install.sh)");
    }
    List<String> cmd = new ArrayList<>(List.of("node", scripts().resolve(script).toString()));
    cmd.addAll(List.of(args));
    return run(Map.of("NODE_PATH", modules.toString()), cmd.toArray(String[]::new));
  }
}
