package dev.countersign.testing.samples;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sample classes in this package run only inside EngineTestKit (which sets {@link #RUN}); a surefire run that
 * happens to select them (e.g. {@code -Dtest=dev/countersign/testing/**}) reports them as skipped, not failed.
 */
public final class Samples {
  /** Configuration parameter the EngineTestKit runs set. */
  public static final String RUN = "countersign.samples.run";

  private Samples() {}

  public static boolean runByEngineTestKit(ExtensionContext context) {
    return context.getConfigurationParameter(RUN).isPresent();
  }
}
