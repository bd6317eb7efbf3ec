package dev.countersign.cli;

import dev.countersign.core.CountersignException;
import dev.countersign.core.VerificationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Entry point of {@code java -jar countersign.jar}. Exit codes: 0 success, 1 a verification failed (the failed
 * check on stderr), 2 bad usage or unreadable input.
 */
public final class Main {
  /** A verification ran and failed. */
  public static final int VERIFICATION_FAILED = 1;
  /** Bad usage, or input that could not be read. */
  public static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
        CliEnvironment.system()));
  }

  /** Runs one command line with the given streams and environment; returns the exit code (used by tests). */
  static int run(String[] args, PrintWriter out, PrintWriter err, CliEnvironment env) {
    CommandLine cli = new CommandLine(new CountersignCommand(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine.getErr()));
    return cli.execute(args);
  }

  private static int handle(Exception e, PrintWriter err) {
    if (e instanceof VerificationException) {
      err.println("Error: " + e.getMessage());
      return VERIFICATION_FAILED;
    }
    if (e instanceof CountersignException || e instanceof UncheckedIOException
        || e instanceof IOException) {
      err.println("Error: " + e.getMessage());
      return USAGE;
    }
    err.println("Error: unexpected " + e.getClass().getName() + ": " + e.getMessage());
    return USAGE;
  }
}
