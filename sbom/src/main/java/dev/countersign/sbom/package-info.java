/**
 * CycloneDX SBOMs for container images: generated from the image's layers as streams (whiteouts applied),
 * signed and attached as in-toto attestations, fetched back only after their signature and subject verified.
 */
package dev.countersign.sbom;
