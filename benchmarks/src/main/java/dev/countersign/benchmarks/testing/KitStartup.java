package dev.countersign.benchmarks.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Issue 9's startup benchmark, whole process: runs the twenty {@link KitClasses} through the JUnit Platform
 * Launcher in one fresh JVM and times each class's container (from its start event to its finish event: the
 * extension's store, the registry started on first use and stopped after the class, the keys, the one test). The
 * first class pays for JUnit, the kit's classes and the shared keys' generation; the target is under 50 ms for each
 * class after it. Prints Markdown; see docs/benchmarks.md ("Test kit"). Never run by the build.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.countersign.benchmarks.testing.KitStartup}
 */
public final class KitStartup {
  private KitStartup() {}

  public static void main(String[] args) {
    long jvmStart = System.nanoTime();
    Map<String, Long> started = new ConcurrentHashMap<>();
    List<String> order = new ArrayList<>();
    Map<String, Double> millis = new ConcurrentHashMap<>();
    TestExecutionListener timer = new TestExecutionListener() {
      @Override
      public void executionStarted(TestIdentifier id) {
        if (isClass(id)) {
          started.put(id.getUniqueId(), System.nanoTime());
        }
      }

      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (isClass(id)) {
          millis.put(id.getUniqueId(), (System.nanoTime() - started.get(id.getUniqueId())) / 1e6);
          synchronized (order) {
            order.add(id.getUniqueId());
          }
        }
      }
    };
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(Arrays.stream(KitClasses.ALL).map(c -> selectClass(c)).toList()).build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    Launcher launcher = LauncherFactory.create();
    long runStart = System.nanoTime();
    launcher.execute(request, timer, summary);
    double total = (System.nanoTime() - runStart) / 1e6;
    if (summary.getSummary().getTotalFailureCount() > 0 || summary.getSummary().getTestsSucceededCount()
        != KitClasses.ALL.length) {
      summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.err, true), 20);
      throw new IllegalStateException("the test classes did not all pass: "
          + summary.getSummary().getTestsSucceededCount() + " of " + KitClasses.ALL.length);
    }
    double[] later = order.stream().skip(1).mapToDouble(millis::get).sorted().toArray();
    System.out.println("| | ms |");
    System.out.println("|---|---:|");
    System.out.printf("| first class (JUnit + kit class loading, P-256 and RSA-3072 generation, registry) | %.1f |%n",
        millis.get(order.get(0)));
    System.out.printf("| later classes (%d): median | %.1f |%n", later.length, later[later.length / 2]);
    System.out.printf("| later classes: mean | %.1f |%n", Arrays.stream(later).average().orElseThrow());
    System.out.printf("| later classes: max | %.1f |%n", later[later.length - 1]);
    System.out.printf("| whole launcher run (discovery + %d classes) | %.1f |%n", KitClasses.ALL.length, total);
    System.out.printf("| main() start to end of run (JVM start not included) | %.1f |%n",
        (System.nanoTime() - jvmStart) / 1e6);
    StringBuilder each = new StringBuilder();
    for (String id : order) {
      each.append(String.format("%.1f ", millis.get(id)));
    }
    System.out.println();
    System.out.println("each class, in order (ms): " + each.toString().trim());
  }

  private static boolean isClass(TestIdentifier id) {
    return id.isContainer() && id.getSource().filter(ClassSource.class::isInstance).isPresent();
  }
}
