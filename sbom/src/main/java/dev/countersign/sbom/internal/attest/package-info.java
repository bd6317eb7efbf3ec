/**
 * Implementation of SBOM import, attestation and verification: strict JSON, CycloneDX JSON/XML validation and
 * conversion through core-java, SPDX 2.x checks, and the checks on a signed SBOM after its attestation verified.
 * Not API.
 */
package dev.countersign.sbom.internal.attest;
