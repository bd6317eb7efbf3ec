/**
 * AssertJ-style signature assertions, entered through
 * {@link dev.countersign.testing.assertj.CountersignAssertions}; a failure's message is the verification report.
 * Needs {@code org.assertj:assertj-core} (an optional dependency of the kit) on the test class path.
 */
package dev.countersign.testing.assertj;
