package dev.countersign.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Signers;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.signature.FoundSignature;
import dev.countersign.oci.signature.ImageVerificationResult;
import dev.countersign.oci.signature.SignatureFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignImageTest {
  @Test
  void signsAndVerifiesAnImageInALayout(@TempDir Path dir) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      SignImage.main(new String[] {dir.resolve("layout").toString()});
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("verified v1@sha256:"), out);
    OciLayout layout = OciLayout.open(dir.resolve("layout"));
    assertTrue(layout.tags().contains("v1"), layout.tags()::toString);
    assertTrue(layout.tags().stream().anyMatch(t -> t.matches("sha256-[0-9a-f]{64}\\.sig")), layout.tags()::toString);
  }

  @Test
  void bothSchemesVerifyAndAnotherKeyDoesNot(@TempDir Path dir) {
    var signer = Signers.of(KeyGeneration.generate());
    ImageVerificationResult ok = SignImage.inLayout(dir, signer, Verifiers.of(signer));
    assertTrue(ok.passed(), ok::toString);
    assertEquals(List.of(SignatureFormat.LEGACY, SignatureFormat.BUNDLE),
        ok.verified().stream().map(FoundSignature::format).toList());

    var stranger = Verifiers.of(Signers.of(KeyGeneration.generate()));
    ImageVerificationResult bad = SignImage.inLayout(dir.resolve("other"), signer, stranger);
    assertTrue(!bad.passed() && bad.verified().isEmpty(), bad::toString);
    assertTrue(bad.reason().orElseThrow().contains("no valid signature"), bad::toString);
  }
}
