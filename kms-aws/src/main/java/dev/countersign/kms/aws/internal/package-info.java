/**
 * Implementation of the AWS KMS backend: SDK client pool, key cache and loader, algorithm mapping, error mapping,
 * signers and verifiers. Not API; use {@link dev.countersign.kms.aws.AwsKms}.
 */
package dev.countersign.kms.aws.internal;
