/**
 * OCI images: references, registries, OCI image layouts, and cosign-compatible image signatures.
 *
 * <p>Both a registry repository and an OCI image layout are a {@link dev.countersign.oci.Repository}; signing and
 * verification work on that interface, so a layout on disk holds signatures exactly as a registry does.
 */
package dev.countersign.oci;
