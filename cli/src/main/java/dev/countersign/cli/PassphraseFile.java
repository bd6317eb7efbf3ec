package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Helm's {@code --passphrase-file}: the first line of the file ({@code -} is standard input), without its line
 * ending. Helm's other sources follow when no file is given: {@code HELM_KEY_PASSPHRASE}, then a prompt.
 */
final class PassphraseFile {
  static final String ENV = "HELM_KEY_PASSPHRASE";
  private static final int MAX = 64 * 1024;

  private PassphraseFile() {}

  /** The passphrase from {@code file}, else the environment, else the console; empty when none is available. */
  static char[] read(String file, CliEnvironment env, String keyName) {
    if (file != null) {
      return file.equals("-") ? firstLine(env.stdin(), "standard input") : fromFile(Path.of(file));
    }
    String fromEnv = env.variables().get(ENV);
    if (fromEnv != null) {
      return fromEnv.toCharArray();
    }
    if (env.console() != null) {
      char[] typed = env.console().readPassword("Password for key \"%s\" >  ", keyName);
      return typed == null ? new char[0] : typed;
    }
    return new char[0];
  }

  private static char[] fromFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return firstLine(in, file.toString());
    } catch (IOException e) {
      throw new InvalidInputException("cannot read passphrase file " + file + ": " + CliFiles.reason(e), e);
    }
  }

  private static char[] firstLine(InputStream in, String source) {
    byte[] buf = new byte[MAX];
    int len = 0;
    try {
      for (int b; len < MAX && (b = in.read()) != -1 && b != '\n'; ) {
        buf[len++] = (byte) b;
      }
      if (len == MAX) {
        throw new InvalidInputException("passphrase in " + source + " is longer than 64 KiB");
      }
      if (len > 0 && buf[len - 1] == '\r') {
        len--;
      }
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(buf, 0, len));
      char[] out = Arrays.copyOf(chars.array(), chars.limit());
      Arrays.fill(chars.array(), '\0');
      return out;
    } catch (IOException e) {
      throw new InvalidInputException("cannot read passphrase from " + source + ": " + CliFiles.reason(e), e);
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }
}
