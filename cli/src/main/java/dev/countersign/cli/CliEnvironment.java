package dev.countersign.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/** What a command may read from its surroundings: environment variables, standard input, and the console. */
record CliEnvironment(Map<String, String> variables, InputStream stdin, Console console) {
  /** The real process environment. */
  static CliEnvironment system() {
    return new CliEnvironment(System.getenv(), System.in, System.console());
  }

  /** An environment for tests and embedding: given variables and input, no console. */
  static CliEnvironment of(Map<String, String> variables, InputStream stdin) {
    return new CliEnvironment(Map.copyOf(variables), stdin, null);
  }

  PrintWriter consoleWriter() {
    return console == null ? null : console.writer();
  }
}
