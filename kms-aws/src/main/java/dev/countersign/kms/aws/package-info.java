/**
 * AWS KMS keys for Countersign: {@code awskms://} key references resolved through the core key SPI, signers
 * whose private keys never leave KMS, key lifecycle and rotation primitives, and a Tink AEAD on AWS SDK v2.
 */
package dev.countersign.kms.aws;
