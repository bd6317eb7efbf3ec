/**
 * cosign-compatible image signatures: {@link dev.countersign.oci.signature.ImageSigner} writes legacy
 * {@code .sig} signatures and Sigstore bundle referrers, {@link dev.countersign.oci.signature.ImageVerifier}
 * checks them with trusted keys, {@link dev.countersign.oci.signature.SimpleSigningPayload} is the signed
 * payload and {@link dev.countersign.oci.signature.Triangulation} names the tags cosign uses.
 */
package dev.countersign.oci.signature;
