/** OpenPGP keyrings and keys, and Helm chart provenance, byte-compatible with Helm and GnuPG. */
package dev.countersign.pgp;
