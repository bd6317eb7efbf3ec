/**
 * In-process servers for tests, on loopback, each usable as a JUnit 5 extension or an {@link AutoCloseable}:
 * {@link dev.countersign.testing.servers.TestRegistry}, an in-memory OCI Distribution Spec v1.1 registry with
 * optional Basic or Bearer authentication, fault injection ({@link dev.countersign.testing.servers.Fault}) and a
 * request log ({@link dev.countersign.testing.servers.RecordedRequest});
 * {@link dev.countersign.testing.servers.TestKms}, an AWS KMS speaking the AWS JSON 1.1 protocol with real keys,
 * AWS error shapes on demand and a request log ({@link dev.countersign.testing.servers.KmsRequest}).
 */
package dev.countersign.testing.servers;
