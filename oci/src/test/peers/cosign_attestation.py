#!/usr/bin/env python3
"""Independent peer for cosign legacy image attestations (the sha256-<hex>.att tag scheme).

Written from the format description (cosign attest: one OCI image-manifest layer per attestation, layer media
type application/vnd.dsse.envelope.v1+json, the layer blob is the DSSE envelope JSON, layer annotations
"predicateType" and an empty "dev.cosignproject.cosign/signature"; DSSE signs PAE(payloadType, payload)), not from
any cosign code. Uses the standard library, `cryptography` and the stores of cosign_image_ref.py.

  verify-registry URL REPO TAG PUB.pem [TYPE]            verify attestations of REPO:TAG (optionally of TYPE)
  attest-registry URL REPO TAG KEY.pem TYPE PREDICATE    append an attestation (statement v0.1, as cosign attest)
  verify-layout   DIR TAG PUB.pem [TYPE]                 same, for an OCI layout
  attest-layout   DIR TAG KEY.pem TYPE PREDICATE         same, for an OCI layout

Exit status: 0 verified / attested, 1 no valid attestation, 2 bad input or I/O error.
"""
import base64
import json
import os
import sys

from cosign_image_ref import (BadInput, LayoutStore, RegistryStore, OCI_CONFIG, OCI_MANIFEST, SIG_ANNOTATION,
                              load_private, load_public, no_duplicates, sign, verify_sig)

DSSE = "application/vnd.dsse.envelope.v1+json"
IN_TOTO = "application/vnd.in-toto+json"
STATEMENT_TYPES = ("https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1")
MAX_LAYERS = 1000
MAX_ENVELOPE = 16 * 1024 * 1024


def att_tag(digest):
    alg, hexpart = digest.split(":", 1)
    return alg + "-" + hexpart + ".att"


def pae(payload_type, payload):
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def b64decode(text):
    if not isinstance(text, str):
        raise ValueError("base64 field must be a string")
    text = text.replace("-", "+").replace("_", "/")
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def check_envelope(blob, key, digest):
    """The statement's predicate type when the envelope is signed by `key` and its statement names `digest`."""
    if len(blob) > MAX_ENVELOPE:
        raise ValueError("envelope too large")
    env = json.loads(blob.decode("utf-8"), object_pairs_hook=no_duplicates)
    if not isinstance(env, dict) or env.get("payloadType") != IN_TOTO:
        raise ValueError("payloadType is not " + IN_TOTO)
    payload = b64decode(env.get("payload"))
    sigs = env.get("signatures")
    if not isinstance(sigs, list) or not sigs:
        raise ValueError("no signatures")
    message = pae(IN_TOTO, payload)
    if not any(isinstance(s, dict) and verify_sig(key, message, b64decode(s.get("sig"))) for s in sigs):
        raise ValueError("no signature verifies over PAE")
    statement = json.loads(payload.decode("utf-8"), object_pairs_hook=no_duplicates)
    if statement.get("_type") not in STATEMENT_TYPES:
        raise ValueError("not an in-toto statement: _type " + repr(statement.get("_type")))
    alg, hexpart = digest.split(":", 1)
    subjects = statement.get("subject")
    if not isinstance(subjects, list) or not any(isinstance(s, dict) and isinstance(s.get("digest"), dict)
                                                 and s["digest"].get(alg) == hexpart for s in subjects):
        raise ValueError("statement is not about " + digest)
    ptype = statement.get("predicateType")
    if not isinstance(ptype, str):
        raise ValueError("predicateType must be a string")
    return ptype


def verify(store, tag, pub_path, wanted=None):
    key = load_public(pub_path)
    found = store.manifest(tag)
    if found is None:
        print("rejected: no image " + tag)
        return 1
    _, digest, _ = found
    att = store.manifest(att_tag(digest))
    if att is None:
        print("rejected: no attestation tag " + att_tag(digest))
        return 1
    layers = json.loads(att[0].decode("utf-8"), object_pairs_hook=no_duplicates).get("layers", [])
    good, types = 0, []
    for i, layer in enumerate(layers[:MAX_LAYERS]):
        if layer.get("mediaType") != DSSE:
            print("layer %d: ignored (%s)" % (i, layer.get("mediaType")))
            continue
        try:
            if layer.get("annotations", {}).get(SIG_ANNOTATION) != "":
                raise ValueError("signature annotation must be present and empty")
            ptype = check_envelope(store.blob(layer["digest"]), key, digest)
        except (ValueError, KeyError, UnicodeDecodeError, BadInput) as e:
            print("layer %d: invalid: %s" % (i, e))
            continue
        types.append(ptype)
        if wanted is not None and ptype != wanted:
            print("layer %d: verified, other type %s" % (i, ptype))
            continue
        print("layer %d: verified %s %s" % (i, ptype, digest))
        good += 1
    if good == 0:
        print("rejected: no valid attestation for %s (types found: %s)" % (digest, ", ".join(types) or "none"))
        return 1
    print("verified: %d attestation(s) for %s" % (good, digest))
    return 0


def attest(store, tag, key_path, ptype, predicate_path):
    key = load_private(key_path)
    found = store.manifest(tag)
    if found is None:
        raise BadInput("no image " + tag)
    _, digest, _ = found
    with open(predicate_path, "rb") as f:
        predicate = json.loads(f.read().decode("utf-8"), object_pairs_hook=no_duplicates)
    alg, hexpart = digest.split(":", 1)
    statement = {"_type": "https://in-toto.io/Statement/v0.1", "predicateType": ptype,
                 "subject": [{"name": "image", "digest": {alg: hexpart}}], "predicate": predicate}
    payload = json.dumps(statement, separators=(",", ":")).encode()
    sig = base64.b64encode(sign(key, pae(IN_TOTO, payload))).decode()
    envelope = json.dumps({"payloadType": IN_TOTO, "payload": base64.b64encode(payload).decode(),
                           "signatures": [{"keyid": "", "sig": sig}]}, separators=(",", ":")).encode()
    layer = {"mediaType": DSSE, "size": len(envelope), "digest": store.push_blob(envelope),
             "annotations": {SIG_ANNOTATION: "", "predicateType": ptype}}
    existing = store.manifest(att_tag(digest))
    layers = json.loads(existing[0].decode("utf-8"))["layers"] if existing else []
    layers.append(layer)
    config = {"architecture": "", "created": "0001-01-01T00:00:00Z",
              "history": [{"created": "0001-01-01T00:00:00Z"} for _ in layers], "os": "",
              "rootfs": {"type": "layers", "diff_ids": [l["digest"] for l in layers]}, "config": {}}
    config_bytes = json.dumps(config, separators=(",", ":")).encode()
    manifest = {"schemaVersion": 2, "mediaType": OCI_MANIFEST,
                "config": {"mediaType": OCI_CONFIG, "size": len(config_bytes), "digest": store.push_blob(config_bytes)},
                "layers": layers}
    store.put_manifest(json.dumps(manifest, separators=(",", ":")).encode(), OCI_MANIFEST, att_tag(digest))
    print("attested %s: %d layer(s) in %s" % (digest, len(layers), att_tag(digest)))
    return 0


def main(argv):
    if len(argv) < 2:
        raise BadInput(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "verify-layout" and len(args) in (3, 4):
        return verify(LayoutStore(args[0]), args[1], args[2], args[3] if len(args) == 4 else None)
    if cmd == "attest-layout" and len(args) == 5:
        return attest(LayoutStore(args[0]), *args[1:])
    if cmd == "verify-registry" and len(args) in (4, 5):
        return verify(RegistryStore(args[0], args[1]), args[2], args[3], args[4] if len(args) == 5 else None)
    if cmd == "attest-registry" and len(args) == 6:
        return attest(RegistryStore(args[0], args[1]), *args[2:])
    raise BadInput(__doc__)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    try:
        sys.exit(main(sys.argv))
    except (BadInput, OSError, ValueError) as e:
        print("bad input: %s" % e, file=sys.stderr)
        sys.exit(2)
