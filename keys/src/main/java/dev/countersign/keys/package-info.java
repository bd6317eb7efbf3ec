/**
 * Key publication and rotation: a signed key manifest with TUF-style trust rules, the multi-member key ceremony,
 * rotation, a rotation-aware key resolver over HTTPS, and RFC 3161 trusted timestamps.
 */
package dev.countersign.keys;
