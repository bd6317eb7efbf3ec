/**
 * Countersign's test kit: {@link dev.countersign.testing.TestKeys} (ephemeral keys cached per JVM),
 * {@link dev.countersign.testing.CountersignExtension} / {@link dev.countersign.testing.Countersign} (JUnit 5
 * parameter injection of keys, temporary OCI layouts and an in-process registry, cleaned up whatever the outcome)
 * and {@link dev.countersign.testing.SignedFixtures} (a signed manifest of a fixtures directory). AssertJ-style
 * assertions are in {@code dev.countersign.testing.assertj}, the only package that needs AssertJ.
 */
package dev.countersign.testing;
