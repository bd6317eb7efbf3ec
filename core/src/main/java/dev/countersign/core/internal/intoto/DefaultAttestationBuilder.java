package dev.countersign.core.internal.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.Signer;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.AttestationBuilder;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.Predicate;
import dev.countersign.core.intoto.ResourceDescriptor;
import dev.countersign.core.intoto.SignedAttestation;
import dev.countersign.core.intoto.StatementVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link AttestationBuilder#of(Signer)}: builds the statement, serialises it once and signs those bytes. */
public final class DefaultAttestationBuilder implements AttestationBuilder {
  private final List<Signer> signers = new ArrayList<>();
  private InTotoStatement.Builder statement = InTotoStatement.builder();

  public DefaultAttestationBuilder(Signer signer) {
    signers.add(Objects.requireNonNull(signer, "signer"));
  }

  @Override
  public AttestationBuilder subject(String name, Digest digest) {
    statement.subject(name, digest);
    return this;
  }

  @Override
  public AttestationBuilder subject(ResourceDescriptor subject) {
    statement.subject(subject);
    return this;
  }

  @Override
  public AttestationBuilder predicate(String predicateType, JsonNode predicate) {
    statement.predicate(predicateType, predicate);
    return this;
  }

  @Override
  public AttestationBuilder predicate(Predicate predicate) {
    statement.predicate(Objects.requireNonNull(predicate, "predicate"));
    return this;
  }

  @Override
  public AttestationBuilder statementVersion(StatementVersion version) {
    statement.version(version);
    return this;
  }

  @Override
  public AttestationBuilder statement(InTotoStatement s) {
    statement = Objects.requireNonNull(s, "statement").toBuilder();
    return this;
  }

  @Override
  public AttestationBuilder cosigner(Signer signer) {
    signers.add(Objects.requireNonNull(signer, "signer"));
    return this;
  }

  @Override
  public SignedAttestation build() {
    InTotoStatement s = statement.build();
    byte[] payload = s.toJson();
    DsseEnvelope env = DsseEnvelope.sign(signers.get(0), InTotoStatement.PAYLOAD_TYPE, payload);
    for (int i = 1; i < signers.size(); i++) {
      env = env.withSignature(signers.get(i));
    }
    return SignedAttestation.of(env, signers.get(0).keyId());
  }
}
