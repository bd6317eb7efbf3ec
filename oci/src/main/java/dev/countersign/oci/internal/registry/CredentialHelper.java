package dev.countersign.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Credentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Runs a docker credential helper, {@code docker-credential-<name> get}, with the server URL on stdin. */
final class CredentialHelper {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final int MAX_OUTPUT = 1 << 20;

  private CredentialHelper() {}

  static Optional<Credentials> get(String name, String serverUrl, List<Path> searchPath, Duration timeout) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInputException("invalid docker credential helper name '" + name + "'");
    }
    String exe = "docker-credential-" + name;
    Path program = searchPath.stream().map(d -> d.resolve(exe)).filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new BackendException("docker credential helper " + exe + " not found on the search path",
            false));
    Process process;
    try {
      process = new ProcessBuilder(program.toString(), "get").redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new BackendException("cannot run " + exe + ": " + e.getMessage(), false, e);
    }
    try {
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader = drain(process.getErrorStream(), err);
      Thread outReader = drain(process.getInputStream(), out);
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new BackendException(exe + " did not answer within " + timeout.toSeconds() + " s", true);
      }
      outReader.join(timeout.toMillis());
      errReader.join(timeout.toMillis());
      String stdout = out.toString(StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        String msg = (stdout + " " + err.toString(StandardCharsets.UTF_8)).trim();
        if (msg.contains("credentials not found")) {
          return Optional.empty();
        }
        throw new BackendException(exe + " get failed (exit " + process.exitValue() + "): "
            + (msg.length() > 200 ? msg.substring(0, 200) + "..." : msg), false);
      }
      return parse(stdout, exe);
    } catch (IOException e) {
      throw new BackendException("cannot talk to " + exe + ": " + e.getMessage(), false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while running " + exe, true, e);
    } finally {
      process.destroyForcibly();
    }
  }

  private static Optional<Credentials> parse(String stdout, String exe) {
    JsonNode node;
    try {
      node = JSON.readTree(stdout);
    } catch (IOException e) {
      throw new InvalidInputException(exe + " printed something that is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(exe + " printed something that is not a JSON object");
    }
    String user = node.path("Username").asText("");
    String secret = node.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    if (user.equals("<token>")) {
      return Optional.of(Credentials.identityToken(secret.toCharArray()));
    }
    if (user.isEmpty()) {
      return Optional.of(Credentials.registryToken(secret.toCharArray()));
    }
    return Optional.of(Credentials.basic(user, secret.toCharArray()));
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) != -1; ) {
          if (sink.size() + n <= MAX_OUTPUT) {
            sink.write(buf, 0, n);
          }
        }
      } catch (IOException ignored) {
        // the process went away; what was read is what we have
      }
    }, "docker-credential-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
