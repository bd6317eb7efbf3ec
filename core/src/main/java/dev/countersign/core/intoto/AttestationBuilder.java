package dev.countersign.core.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.Signer;
import dev.countersign.core.internal.intoto.DefaultAttestationBuilder;

/**
 * Makes a signed in-toto attestation: a Statement (v1 by default, v0.1 on request, as {@code cosign attest}
 * writes) in a DSSE envelope with payload type {@code application/vnd.in-toto+json}, signed over PAE (lengths in
 * bytes) by one or more {@link Signer}s; ECDSA signatures are written in DER. Instances are single-use and not
 * thread-safe; {@link #of(Signer)} gives the default implementation, and other signing schemes may implement this
 * interface.
 *
 * <pre>{@code
 * SignedAttestation att = AttestationBuilder.of(signer)
 *     .subject("app.tar.gz", Digest.sha256(Path.of("app.tar.gz")))
 *     .predicate(ProvenanceGenerator.fromEnvironment().entryPoint("make dist").generate())
 *     .build();
 * Files.writeString(Path.of("app.tar.gz.intoto.json"), att.envelopeJson());
 * }</pre>
 */
public interface AttestationBuilder {
  /** The default builder, signing with {@code signer}. */
  static AttestationBuilder of(Signer signer) {
    return new DefaultAttestationBuilder(signer);
  }

  /** Signs an existing statement with {@code signer}. */
  static SignedAttestation sign(Signer signer, InTotoStatement statement) {
    return new DefaultAttestationBuilder(signer).statement(statement).build();
  }

  /** Adds a subject with one digest. */
  AttestationBuilder subject(String name, Digest digest);

  /** Adds a subject. */
  AttestationBuilder subject(ResourceDescriptor subject);

  /** Sets the predicate as raw JSON. */
  AttestationBuilder predicate(String predicateType, JsonNode predicate);

  /** Sets a typed predicate. */
  AttestationBuilder predicate(Predicate predicate);

  /** The statement version; default {@link StatementVersion#V1}. */
  AttestationBuilder statementVersion(StatementVersion version);

  /** Uses a complete statement (replacing subjects, predicate and version set so far). */
  AttestationBuilder statement(InTotoStatement statement);

  /** Adds another signer; the envelope then carries one signature per signer, in the order added. */
  AttestationBuilder cosigner(Signer signer);

  /** Builds the statement (validating it) and signs it. */
  SignedAttestation build();
}
