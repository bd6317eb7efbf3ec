package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.WrongPasswordException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Passwords the way cosign reads them: {@code COSIGN_PASSWORD} when set (even empty), else a prompt on the
 * terminal, else everything on standard input (piped passwords).
 */
final class CliPasswords {
  static final String ENV = "COSIGN_PASSWORD";

  private CliPasswords() {}

  /** For opening an existing encrypted key. */
  static PasswordSource forReading(CliEnvironment env) {
    return purpose -> read(env, "Enter password for private key " + purpose + ": ", false);
  }

  /** For writing a new encrypted key: a terminal prompt asks twice. */
  static char[] forWriting(CliEnvironment env, String purpose) {
    return read(env, "Enter password for private key " + purpose + ": ", true);
  }

  private static char[] read(CliEnvironment env, String prompt, boolean confirm) {
    String fromEnv = env.variables().get(ENV);
    if (fromEnv != null) {
      return fromEnv.toCharArray();
    }
    if (env.console() != null) {
      char[] first = env.console().readPassword("%s", prompt);
      if (first == null) {
        throw new WrongPasswordException("no password entered");
      }
      if (confirm) {
        char[] again = env.console().readPassword("Enter password for private key again: ");
        boolean same = again != null && Arrays.equals(first, again);
        if (again != null) {
          Arrays.fill(again, '\0');
        }
        if (!same) {
          Arrays.fill(first, '\0');
          throw new InvalidInputException("passwords do not match");
        }
      }
      return first;
    }
    return readAll(env);
  }

  private static char[] readAll(CliEnvironment env) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[256];
    try {
      for (int n; (n = env.stdin().read(chunk)) != -1; ) {
        buf.write(chunk, 0, n);
        if (buf.size() > 64 * 1024) {
          throw new InvalidInputException("password on standard input is longer than 64 KiB");
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read password from standard input: " + e.getMessage(), e);
    } finally {
      Arrays.fill(chunk, (byte) 0);
    }
    byte[] bytes = buf.toByteArray();
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
    Arrays.fill(bytes, (byte) 0);
    char[] out = Arrays.copyOf(chars.array(), chars.limit());
    Arrays.fill(chars.array(), '\0');
    return out;
  }
}
