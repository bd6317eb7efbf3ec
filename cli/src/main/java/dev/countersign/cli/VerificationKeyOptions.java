package dev.countersign.cli;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyResolver;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The verification keys of a verify command, a mixin: either {@code --key KEY} (a file, {@code awskms://},
 * {@code pgp://}, or cosign's {@code https://.../pubkey.pem} with an optional {@code --key-sha256} pin of the
 * served bytes) or a rotation-aware key manifest ({@link ManifestKeyOptions}); exactly one of the two.
 */
final class VerificationKeyOptions {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = {"--key", "-k"}, paramLabel = "KEY",
      description = "public key reference: a PEM public key file, a Tink (public) keyset, awskms://..., or "
          + "https://.../pubkey.pem (cosign's form); or use --keys with --trust-root")
  String key;

  @Option(names = "--key-sha256", paramLabel = "HEX",
      description = "with --key https://...: the SHA-256 (hex) the served key file must have")
  String keySha256;

  @ArgGroup(exclusive = false)
  ManifestKeyOptions manifest;

  /** Whether the keys come from a key manifest. */
  boolean fromManifest() {
    check();
    return manifest != null;
  }

  /** A recording resolver over the manifest; only when {@link #fromManifest()}. */
  ManifestKeys manifestKeys(CliEnvironment env) {
    check();
    return new ManifestKeys(manifest.resolver(env));
  }

  /** The keys to verify with: the {@code --key} reference (pinned when asked), or the manifest's. */
  KeyResolver resolver(CliEnvironment env) {
    return fromManifest() ? manifestKeys(env) : KeyBackends.discover().resolver(keyReference());
  }

  /** {@code --key}, with {@code #sha256=HEX} appended when {@code --key-sha256} is given. */
  String keyReference() {
    check();
    if (keySha256 == null) {
      return key;
    }
    String lower = key.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
      throw new ParameterException(spec.commandLine(), "--key-sha256 pins a key fetched from an https:// URL;"
          + " --key " + key + " is not one");
    }
    if (key.contains("#")) {
      throw new ParameterException(spec.commandLine(), "--key-sha256 with a --key URL that already has a"
          + " #fragment");
    }
    if (!SHA256.matcher(keySha256).matches()) {
      throw new ParameterException(spec.commandLine(), "--key-sha256 must be 64 hex digits");
    }
    return key + "#sha256=" + keySha256.toLowerCase(Locale.ROOT);
  }

  private void check() {
    if ((key == null) == (manifest == null)) {
      throw new ParameterException(spec.commandLine(), key == null
          ? "give the verification key: --key KEY, or --keys URL_OR_DIR with --trust-root FILE"
          : "--key and --keys are mutually exclusive");
    }
    if (keySha256 != null && key == null) {
      throw new ParameterException(spec.commandLine(), "--key-sha256 applies to --key https://...");
    }
  }
}
