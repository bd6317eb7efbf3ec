package dev.countersign.keys.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSL's own time-stamping authority ({@code openssl ts -reply}), the independent implementation the tests check
 * against. The root CA and the TSA certificate (extendedKeyUsage=critical,timeStamping) are made with openssl at
 * test time. Fails (never skips) when openssl is missing.
 */
public final class OpenSslTsa {
  private final Path dir;

  public OpenSslTsa(Path dir) {
    this.dir = dir;
    write("tsa-ext.cnf", "[tsa_ext]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        + "extendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
    run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "root.key");
    run("openssl", "req", "-x509", "-new", "-key", "root.key", "-subj", "/CN=OpenSSL test TSA root", "-days", "30",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-out", "root.pem");
    run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "tsa.key");
    run("openssl", "req", "-new", "-key", "tsa.key", "-subj", "/CN=OpenSSL test TSA", "-out", "tsa.csr");
    run("openssl", "x509", "-req", "-in", "tsa.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "4242",
        "-days", "30", "-extfile", "tsa-ext.cnf", "-extensions", "tsa_ext", "-out", "tsa.pem");
    write("tsaserial", "01\n");
    write("tsa.cnf", "[tsa]\ndefault_tsa = tsa1\n[tsa1]\ndir = " + dir + "\nserial = $dir/tsaserial\n"
        + "crypto_device = builtin\nsigner_cert = $dir/tsa.pem\nsigner_key = $dir/tsa.key\n"
        + "signer_digest = sha256\ndefault_policy = 1.3.6.1.4.1.57264.99.1\ndigests = sha256, sha384, sha512\n"
        + "accuracy = secs:1\nordering = no\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n");
  }

  /** Answers one DER query with {@code openssl ts -reply}. */
  public synchronized byte[] reply(byte[] query) {
    try {
      Files.write(dir.resolve("q.tsq"), query);
      Files.deleteIfExists(dir.resolve("r.tsr"));
      run("openssl", "ts", "-reply", "-config", "tsa.cnf", "-queryfile", "q.tsq", "-inkey", "tsa.key",
          "-signer", "tsa.pem", "-out", "r.tsr");
      return Files.readAllBytes(dir.resolve("r.tsr"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String rootPem() {
    return read("root.pem");
  }

  public String tsaPem() {
    return read("tsa.pem");
  }

  public Path dir() {
    return dir;
  }

  /** Runs openssl in the TSA's directory; the test fails with openssl's output when it exits non-zero. */
  public String run(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + String.join(" ", command));
      }
      if (p.exitValue() != 0) {
        fail("peer failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + out);
      }
      return out;
    } catch (IOException e) {
      return fail("cannot run " + command[0] + " (install.sh should have installed it): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** Runs a command and returns its exit code and output, without failing. */
  public List<String> runAllowingFailure(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    List<String> r = new ArrayList<>();
    r.add(String.valueOf(p.exitValue()));
    r.add(out);
    return r;
  }

  private void write(String name, String text) {
    try {
      Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
