package dev.countersign.pgp.helm;

/** How the signature armor of a written {@code .prov} ends; both are read. */
public enum ProvenanceLayout {
  /** As Helm up to 3.21.3 writes it (Go {@code x/crypto} clearsign): a CRC-24 line {@code =XXXX} before END. */
  HELM_3_CRC,
  /** As Helm 3.21.4 and 4.x write it (RFC 9580 style): no CRC line. */
  HELM_4_NO_CRC
}
