/**
 * In-process servers for tests. {@link dev.countersign.testing.servers.TestRegistry} is an in-memory OCI
 * Distribution Spec v1.1 registry on loopback with optional Basic or Bearer authentication, fault injection
 * ({@link dev.countersign.testing.servers.Fault}) and a request log
 * ({@link dev.countersign.testing.servers.RecordedRequest}).
 */
package dev.countersign.testing.servers;
