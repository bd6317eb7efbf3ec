/**
 * Extension point of the SBOM generator: a {@link dev.countersign.sbom.spi.Cataloger} finds packages of one kind
 * in an image's filesystem; pass extra ones to {@link dev.countersign.sbom.SbomGenerator.Builder#cataloger}.
 */
package dev.countersign.sbom.spi;
