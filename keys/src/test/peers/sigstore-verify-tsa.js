#!/usr/bin/env node
// Verifies a Sigstore bundle with sigstore-js (@sigstore/verify), offline, trusting one public key and one RFC 3161
// timestamp authority, and requiring a verified timestamp (timestampThreshold 1, no transparency log).
// Usage: node sigstore-verify-tsa.js BUNDLE PUBKEY.pem ARTIFACT TSA_CHAIN.pem   (TSA chain: leaf first, root last)
// Exit 0 verified, 1 rejected, 2 bad input.
'use strict';
const fs = require('fs');
const nodeCrypto = require('crypto');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot } = require('@sigstore/protobuf-specs');

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
    default:
      return undefined;
  }
}

function pemCertificates(text) {
  const out = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    out.push({ rawBytes: m[1].replace(/\s+/g, '') });
  }
  return out;
}

const [bundlePath, keyPath, artifactPath, chainPath] = process.argv.slice(2);
if (!bundlePath || !keyPath || !artifactPath || !chainPath) {
  badInput('usage: sigstore-verify-tsa.js BUNDLE PUBKEY.pem ARTIFACT TSA_CHAIN.pem');
}
let bundle, key, artifact, root;
try {
  bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
  key = nodeCrypto.createPublicKey(fs.readFileSync(keyPath, 'utf8'));
  artifact = fs.readFileSync(artifactPath);
  // trusted_root.json as Sigstore publishes it, parsed by the protobuf-specs JSON mapping
  root = TrustedRoot.fromJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [], certificateAuthorities: [], ctlogs: [],
    timestampAuthorities: [{
      subject: { organization: 'test', commonName: 'test TSA' },
      certChain: { certificates: pemCertificates(fs.readFileSync(chainPath, 'utf8')) },
      validFor: { start: '2000-01-01T00:00:00Z' },
    }],
  });
} catch (e) {
  badInput(e.message);
}
if (bundle.verificationMaterial.content.$case !== 'publicKey') {
  badInput('bundle is not signed with a public key');
}
const hint = bundle.verificationMaterial.content.publicKey.hint;
const details = keyDetails(key);
if (!details) {
  badInput('unsupported key type ' + key.asymmetricKeyType);
}
const keys = {
  [hint]: {
    rawBytes: key.export({ type: 'spki', format: 'der' }).toString('base64'),
    keyDetails: details,
    validFor: { start: new Date(0) },
  },
};
try {
  const verifier = new Verifier(toTrustMaterial(root, keys),
    { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 });
  verifier.verify(toSignedEntity(bundle, artifact));
} catch (e) {
  console.log('rejected: ' + (e.code ? e.code + ': ' : '') + e.message);
  process.exit(1);
}
console.log('verified: ' + bundle.content.$case + ' with key ' + hint + ' and an RFC 3161 timestamp');
process.exit(0);
