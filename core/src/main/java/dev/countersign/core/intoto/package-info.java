/**
 * in-toto attestations: {@link dev.countersign.core.intoto.InTotoStatement} (v1 and v0.1),
 * {@link dev.countersign.core.intoto.AttestationBuilder} (sign in DSSE), {@link
 * dev.countersign.core.intoto.AttestationVerifier} (keys, threshold, predicate type, subject), and typed predicates:
 * {@link dev.countersign.core.intoto.SlsaProvenance} (read v1/v0.2/v0.1, write v1, generated from CI by {@link
 * dev.countersign.core.intoto.ProvenanceGenerator}), {@link dev.countersign.core.intoto.VerificationSummary},
 * {@link dev.countersign.core.intoto.SbomPredicate}, cosign's custom and vuln predicates; any other type as raw JSON.
 */
package dev.countersign.core.intoto;
