/** Implementation of the test kit; not an API, may change without notice. */
package dev.countersign.testing.internal;
