#!/usr/bin/env node
// Verifies a Sigstore bundle with sigstore-js (@sigstore/verify), offline, trusting exactly one public key.
// Usage: node sigstore-verify.js BUNDLE PUBKEY.pem [ARTIFACT]
// The trust material holds only that key, under the bundle's publicKey.hint; no transparency log, CT log or
// timestamp authority is trusted and none is required (thresholds 0). Exit 0 verified, 1 rejected, 2 bad input.
'use strict';
const fs = require('fs');
const nodeCrypto = require('crypto');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const { bundleFromJSON } = require('@sigstore/bundle');

function badInput(msg) {
  console.error('bad input: ' + msg);
  process.exit(2);
}

function keyDetails(key) {
  const d = key.asymmetricKeyDetails || {};
  switch (key.asymmetricKeyType) {
    case 'ec':
      return { 'prime256v1': 'PKIX_ECDSA_P256_SHA_256', 'secp384r1': 'PKIX_ECDSA_P384_SHA_384',
        'secp521r1': 'PKIX_ECDSA_P521_SHA_512' }[d.namedCurve];
    case 'ed25519':
      return 'PKIX_ED25519';
    case 'rsa':
      return 'PKIX_RSA_PKCS1V15_' + d.modulusLength + '_SHA256';
    default:
      return undefined;
  }
}

const [bundlePath, keyPath, artifactPath] = process.argv.slice(2);
if (!bundlePath || !keyPath) {
  badInput('usage: sigstore-verify.js BUNDLE PUBKEY.pem [ARTIFACT]');
}
let bundle, key, artifact, hint;
try {
  bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
  key = nodeCrypto.createPublicKey(fs.readFileSync(keyPath, 'utf8'));
  artifact = artifactPath ? fs.readFileSync(artifactPath) : undefined;
} catch (e) {
  badInput(e.message);
}
if (bundle.verificationMaterial.content.$case !== 'publicKey') {
  badInput('bundle is not signed with a public key: ' + bundle.verificationMaterial.content.$case);
}
hint = bundle.verificationMaterial.content.publicKey.hint;
const details = keyDetails(key);
if (!details) {
  badInput('unsupported key type ' + key.asymmetricKeyType);
}
const root = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [],
};
const keys = {
  [hint]: {
    rawBytes: key.export({ type: 'spki', format: 'der' }).toString('base64'),
    keyDetails: details,
    validFor: { start: new Date(0) },
  },
};
try {
  const verifier = new Verifier(toTrustMaterial(root, keys),
    { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  verifier.verify(toSignedEntity(bundle, artifact));
} catch (e) {
  console.log('rejected: ' + (e.code ? e.code + ': ' : '') + e.message);
  process.exit(1);
}
console.log('verified: ' + bundle.content.$case + ' with ' + details + ' key ' + hint);
process.exit(0);
