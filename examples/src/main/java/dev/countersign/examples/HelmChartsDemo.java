package dev.countersign.examples;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyAlgorithm;
import dev.countersign.pgp.PgpKeyGenerator;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.PgpKeyringImport;
import dev.countersign.pgp.PgpUnlockedKey;
import dev.countersign.pgp.PublishedKeyrings;
import dev.countersign.pgp.helm.ChartArchive;
import dev.countersign.pgp.helm.ChartDirectoryPublisher;
import dev.countersign.pgp.helm.ChartPackager;
import dev.countersign.pgp.helm.ChartRepository;
import dev.countersign.pgp.helm.ChartSigner;
import dev.countersign.pgp.helm.DownloadedChart;
import dev.countersign.pgp.helm.Provenance;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The Helm half of the seed workflow (sections 3 and 4, steps 15-29) on the public API of countersign-pgp, offline:
 * directories stand in for the PGP key store, the public-key CDN and the chart repository, which is also served
 * over HTTP on 127.0.0.1 for the user to fetch from. The governance team makes a PGP key that expires after 90 days
 * and publishes {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg}; an engineer packages a chart reproducibly, signs it
 * ({@code .prov}) and publishes it with {@code index.yaml}; a user downloads it, imports the published keyring and
 * verifies as {@code helm verify} does. Then the fail-closed cases: a tampered archive, a key past its expiry, a
 * keyring file whose name does not state its key. Every unexpected outcome throws.
 */
public final class HelmChartsDemo {
  private static final String SIGNER = "Example Governance <helm-signing@example.com>";
  private static final Instant CHART_TIME = Instant.parse("2025-05-13T11:36:00Z"); // one mtime for every entry

  private HelmChartsDemo() {}

  public static void main(String[] args) throws IOException {
    run(Path.of(args.length > 0 ? args[0] : "target/helm"));
  }

  static void run(Path dir) throws IOException {
    Files.createDirectories(dir);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    char[] passphrase = "demo-only".toCharArray(); // a real ceremony reads it from its members, never a literal
    try {
      // 15-18. Governance team: key ceremony; the secret keyring goes to the PGP key store, the public one to the CDN.
      PgpKey key = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.RSA_3072).userId(SIGNER).passphrase(passphrase)
          .creationTime(now).expiresAfter(Duration.ofDays(90)).build().generate();
      Path keyStore = Files.write(Files.createDirectories(dir.resolve("pgp-keystore")).resolve("secring.gpg"),
          PgpKeyring.of(List.of(key)).secretBytes());
      Path published = PublishedKeyrings.write(Files.createDirectories(dir.resolve("cdn")), key);
      System.out.println("governance: generated " + key.algorithm() + " key " + key.fingerprint() + " \"" + SIGNER
          + "\", expires " + key.expiry().orElseThrow());
      System.out.println("governance: published cdn/" + published.getFileName());

      // 19-20. Engineer: write the chart and package it; the same sources give the same bytes.
      Path chartDir = HelmChartSources.write(dir.resolve("src/hello"), "replicaCount: 1\n");
      ChartPackager packager = ChartPackager.builder(chartDir).destination(dir.resolve("dist"))
          .modificationTime(CHART_TIME).build();
      Path tgz = packager.write();
      ChartArchive archive = ChartArchive.read(tgz);
      check(Arrays.equals(Files.readAllBytes(tgz), packager.toBytes().archive()), "packaging is not reproducible");
      check(archive.files().stream().noneMatch(f -> f.startsWith("scratch/")), ".helmignore was not honoured");
      Digest digest = Digest.compute(DigestAlgorithm.SHA256, tgz);
      System.out.println("engineer:   packaged " + tgz.getFileName() + " " + digest
          + " (packaging again gives the same bytes)");
      System.out.println("engineer:   it holds " + archive.files() + "; .helmignore kept scratch/ out");

      // 21-23. Engineer: the key store unlocks the signing key (the passphrase array is zeroed) and signs.
      PgpUnlockedKey signingKey = PgpKeyring.read(keyStore).select(key.fingerprint()).unlock(passphrase, now);
      Path prov = ChartSigner.sign(tgz, signingKey);
      System.out.println("engineer:   signed -> " + prov.getFileName() + " (" + signingKey.hashAlgorithm()
          + ", key id " + Provenance.parse(Files.readAllBytes(prov)).signerKeyId() + ")");

      // 24. Publish chart + .prov with index.yaml into the repository directory, served over HTTP.
      Path repoDir = dir.resolve("chart-repo");
      ChartDirectoryPublisher.of(repoDir, null).publish(tgz, prov, true, now); // force: a re-run republishes 0.1.0
      Path userDir = dir.resolve("user");
      DownloadedChart chart;
      try (StaticHttpServer server = StaticHttpServer.serve(repoDir)) {
        System.out.println("repository: published " + tgz.getFileName() + " + .prov + index.yaml, served at "
            + server.url());
        // 25-26. User: fetch the chart (its digest checked against index.yaml) and its .prov.
        ChartRepository repo = ChartRepository.builder(server.url()).build();
        chart = repo.download("hello", "0.1.0", userDir, true);
        System.out.println("user:       downloaded " + chart.archive().getFileName() + " + "
            + chart.provenance().orElseThrow().getFileName() + " in " + repo.requestCount()
            + " HTTP requests, sha256 matches index.yaml");
      }

      // 27-29. User: import the published keyring (its name must state its key) and verify like helm verify.
      Path pubring = userDir.resolve("pubring.gpg");
      Files.deleteIfExists(pubring); // the user starts from an empty keyring (also on a re-run of the demo)
      PgpKeyringImport.Result imported = PgpKeyringImport.into(pubring).importFiles(List.of(published));
      check(imported.added().equals(List.of(key.fingerprint())), "import did not add the key: " + imported);
      PgpKeyring keyring = PgpKeyring.read(pubring);
      check(!keyring.hasSecretKeys(), "the user's keyring holds a secret key");
      ProvenanceVerifier verifier = ProvenanceVerifier.withKeyring(keyring);
      VerificationReport report = verifier.verify(chart.archive()).orThrow();
      Provenance provenance = Provenance.parse(Files.readAllBytes(chart.provenance().orElseThrow()));
      PgpKey signer = keyring.select(provenance.signerKeyId());
      System.out.println("user:       imported " + published.getFileName() + "; helm verify "
          + chart.archive().getFileName() + ":");
      System.out.println("              Signed by: " + signer.userIds().get(0));
      System.out.println("              Using Key With Fingerprint: " + signer.fingerprint());
      System.out.println("              Chart Hash Verified: " + check(report, "archive-digest", true));

      // Fail closed: a changed archive, a key past its expiry, a keyring under a name that is not its key's.
      Path tampered = tamperedCopy(dir, chart);
      System.out.println("user:       tampered archive rejected: "
          + check(verifier.verify(tampered), "archive-digest", false));
      Instant later = now.plus(Duration.ofDays(91));
      System.out.println("user:       at " + later + " (key expired) rejected: "
          + check(verifier.at(later).verify(chart.archive()), "key-validity", false));
      refuseMisnamedKeyring(published, userDir);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  /** The chart rebuilt with other values (as an attacker would), under the original name and next to its .prov. */
  private static Path tamperedCopy(Path dir, DownloadedChart chart) throws IOException {
    Path src = HelmChartSources.write(dir.resolve("src-tampered/hello"), "replicaCount: 100\n");
    Path out = ChartPackager.builder(src).destination(dir.resolve("tampered")).modificationTime(CHART_TIME)
        .build().write();
    Files.copy(chart.provenance().orElseThrow(), out.resolveSibling(out.getFileName() + ".prov"), REPLACE_EXISTING);
    return out;
  }

  /** A published keyring copied under another key's name is refused and nothing is imported. */
  private static void refuseMisnamedKeyring(Path published, Path userDir) throws IOException {
    String name = published.getFileName().toString();
    String wrongFingerprint = "0".repeat(40);
    Path copy = Files.copy(published, userDir.resolve(name.substring(0, name.length() - 44) + wrongFingerprint
        + ".gpg"), REPLACE_EXISTING);
    Path keyring = userDir.resolve("other.gpg");
    try {
      PgpKeyringImport.into(keyring).importFiles(List.of(copy));
      throw new IllegalStateException("a keyring file named for another key was imported");
    } catch (InvalidInputException e) {
      check(Files.notExists(keyring), "a refused import wrote the keyring");
      System.out.println("user:       misnamed keyring refused: " + e.getMessage());
    }
  }

  /** The named check of {@code report}, which must have passed (or failed); its detail, or expected vs actual. */
  private static String check(VerificationReport report, String name, boolean passed) {
    VerificationCheck c = report.check(name).orElseThrow(() -> new IllegalStateException("no check " + name));
    VerificationCheck.Status expected = passed ? VerificationCheck.Status.PASSED : VerificationCheck.Status.FAILED;
    if (c.status() != expected || report.passed() != passed) {
      throw passed ? new VerificationException(report) : new IllegalStateException("expected " + name
          + " to fail: " + report);
    }
    return passed ? c.detail().orElseThrow() : c.toString();
  }

  private static void check(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }
}
