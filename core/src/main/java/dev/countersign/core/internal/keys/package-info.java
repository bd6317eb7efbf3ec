/**
 * Key file formats behind {@link dev.countersign.core.keys}: PEM, PKCS#8/SEC1/PKCS#1/SPKI decoding into JDK keys,
 * PBES2-encrypted PKCS#8, and cosign's scrypt + NaCl secretbox envelope. Not API.
 */
package dev.countersign.core.internal.keys;
