/** Implementation of the key ceremony: file names, summaries, draft and transcript JSON, atomic writes. */
package dev.countersign.keys.internal.ceremony;
