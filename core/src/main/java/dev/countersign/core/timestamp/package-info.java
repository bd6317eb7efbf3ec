/**
 * RFC 3161 trusted timestamps as a service provider interface: {@link dev.countersign.core.timestamp.Timestamper}
 * obtains a token when signing, {@link dev.countersign.core.timestamp.TrustedTimestamps} verifies one and yields the
 * trusted signing time. Implementations live in the keys module (TimestampClient, TimestampVerifier).
 */
package dev.countersign.core.timestamp;
