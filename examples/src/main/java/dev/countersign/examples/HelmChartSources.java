package dev.countersign.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chart the Helm demo's engineer develops (step 19): {@code Chart.yaml} (apiVersion v2), {@code values.yaml},
 * a ConfigMap template, and a {@code .helmignore} that keeps the {@code scratch/} notes out of the package.
 */
final class HelmChartSources {
  private HelmChartSources() {}

  /** Writes the chart into {@code dir} (created) with {@code values} as values.yaml; returns {@code dir}. */
  static Path write(Path dir, String values) throws IOException {
    Files.createDirectories(dir.resolve("templates"));
    Files.createDirectories(dir.resolve("scratch"));
    Files.writeString(dir.resolve("Chart.yaml"), """
        apiVersion: v2
        name: hello
        description: A demo chart signed with Countersign
        type: application
        version: 0.1.0
        appVersion: "1.0.0"
        """);
    Files.writeString(dir.resolve("values.yaml"), values + "greeting: hello from Countersign\n");
    Files.writeString(dir.resolve("templates/configmap.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-hello
        data:
          greeting: {{ .Values.greeting | quote }}
          replicas: {{ .Values.replicaCount | quote }}
        """);
    Files.writeString(dir.resolve(".helmignore"), """
        # Patterns to ignore when building the package, as helm package reads them.
        scratch/
        *.swp
        """);
    Files.writeString(dir.resolve("scratch/notes.txt"), "release notes draft, not for the package\n");
    return dir;
  }
}
