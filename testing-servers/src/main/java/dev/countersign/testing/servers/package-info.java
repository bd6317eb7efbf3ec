/**
 * In-process servers for tests, on loopback, each usable as a JUnit 5 extension or an {@link AutoCloseable}:
 * {@link dev.countersign.testing.servers.TestRegistry}, an in-memory OCI Distribution Spec v1.1 registry with
 * optional Basic or Bearer authentication, fault injection ({@link dev.countersign.testing.servers.Fault}) and a
 * request log ({@link dev.countersign.testing.servers.RecordedRequest});
 * {@link dev.countersign.testing.servers.TestKms}, an AWS KMS speaking the AWS JSON 1.1 protocol with real keys,
 * AWS error shapes on demand and a request log ({@link dev.countersign.testing.servers.KmsRequest}); and
 * {@link dev.countersign.testing.servers.TestKeyServer}, published keys and keyrings served as a CDN serves them,
 * with the same faults and request log as the registry, stale answers and optional PUT as an origin.
 */
package dev.countersign.testing.servers;
