/**
 * The multi-member key ceremony: {@link dev.countersign.keys.ceremony.Ceremony} proposes the next key manifest as a
 * {@link dev.countersign.keys.ceremony.Draft}, members sign it on their own machines, and
 * {@link dev.countersign.keys.ceremony.Publisher} publishes it only when the trust rules hold;
 * {@link dev.countersign.keys.ceremony.RotationPolicy} and {@link dev.countersign.keys.ceremony.KeyStatusReport}
 * cover rotation.
 */
package dev.countersign.keys.ceremony;
