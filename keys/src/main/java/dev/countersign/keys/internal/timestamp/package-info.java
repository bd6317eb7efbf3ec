/** Implementation of {@link dev.countersign.keys.timestamp}: DER decoding, the HTTP exchange, TSA certificate checks. */
package dev.countersign.keys.internal.timestamp;
