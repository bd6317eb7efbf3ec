/**
 * Test support for kms-aws: {@link dev.countersign.kms.aws.testing.LocalKms}, an in-process AWS KMS speaking the
 * real AWS JSON 1.1 protocol with real keys and signatures, fault injection and a request log.
 */
package dev.countersign.kms.aws.testing;
