/**
 * Implementation behind {@link dev.countersign.core.intoto}: statement and descriptor JSON, digest-set rules,
 * provenance field extraction per builder, CI environment detection and attestation checks. Not API.
 */
package dev.countersign.core.internal.intoto;
