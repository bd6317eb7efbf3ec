/**
 * Helm chart provenance ({@code .prov}): {@link dev.countersign.pgp.helm.Provenance} reads and writes the OpenPGP
 * cleartext-signed file as {@code helm package --sign} does, {@link dev.countersign.pgp.helm.ProvenanceVerifier}
 * checks it against a keyring and the chart archive as {@code helm verify} does.
 */
package dev.countersign.pgp.helm;
