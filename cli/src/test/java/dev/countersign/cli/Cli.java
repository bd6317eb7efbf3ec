package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@code countersign} in-process through {@link Main#run} and captures exit code, stdout and stderr. */
final class Cli {
  /** The outcome of one command line. */
  record Result(int exit, String out, String err) {
    /** Asserts the exit code, showing both streams when it differs. */
    Result expect(int code) {
      assertEquals(code, exit, () -> "exit code; stdout:\n" + out + "\nstderr:\n" + err);
      return this;
    }
  }

  private Cli() {}

  /** No environment variables, empty standard input. */
  static Result run(String... args) {
    return run(Map.of(), new byte[0], args);
  }

  /** With {@code COSIGN_PASSWORD} set to {@code password}. */
  static Result withPassword(String password, String... args) {
    return run(Map.of(CliPasswords.ENV, password), new byte[0], args);
  }

  /** With no environment variables and {@code stdin} piped in (no console). */
  static Result withStdin(String stdin, String... args) {
    return run(Map.of(), stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  static Result run(Map<String, String> env, byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = Main.run(args, o, e, CliEnvironment.of(env, new ByteArrayInputStream(stdin)));
    }
    return new Result(code, out.toString(), err.toString());
  }
}
