#!/usr/bin/env python3
"""Independent peer for cosign legacy image signatures (the sha256-<hex>.sig tag scheme).

Written from the format description, not from any cosign code. Uses only the standard library and
`cryptography`. Works on a registry over plain HTTP (anonymous) or on an OCI image layout directory.

  verify-registry URL REPO TAG PUB.pem       verify signatures of REPO:TAG at URL (http://host:port)
  sign-registry   URL REPO TAG KEY.pem [ID]  append a signature; ID defaults to host:port/REPO
  verify-layout   DIR TAG PUB.pem            same, for an OCI layout (tags: org.opencontainers.image.ref.name)
  sign-layout     DIR TAG KEY.pem [ID]       same; ID defaults to "layout/<basename of DIR>"

Exit status: 0 verified / signed, 1 no valid signature, 2 bad input or I/O error.
"""
import base64
import hashlib
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json"
SIG_ANNOTATION = "dev.cosignproject.cosign/signature"
REF_NAME = "org.opencontainers.image.ref.name"
PAYLOAD_TYPE = "cosign container image signature"
ACCEPT = ", ".join([OCI_MANIFEST, OCI_INDEX, "application/vnd.docker.distribution.manifest.v2+json",
                    "application/vnd.docker.distribution.manifest.list.v2+json"])
MAX_LAYERS = 1000
MAX_PAYLOAD = 256 * 1024


class BadInput(Exception):
    pass


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def sig_tag(digest):
    alg, hexpart = digest.split(":", 1)
    return alg + "-" + hexpart + ".sig"


# ---- stores -------------------------------------------------------------------------------------------------

class LayoutStore:
    def __init__(self, root):
        self.root = root
        if not os.path.isfile(os.path.join(root, "oci-layout")):
            raise BadInput("not an OCI layout: " + root)
        with open(os.path.join(root, "index.json"), "rb") as f:
            self.index = json.loads(f.read())

    def _path(self, digest):
        alg, hexpart = digest.split(":", 1)
        return os.path.join(self.root, "blobs", alg, hexpart)

    def blob(self, digest):
        with open(self._path(digest), "rb") as f:
            data = f.read()
        if sha256(data) != digest:
            raise BadInput("blob " + digest + " does not match its digest")
        return data

    def manifest(self, tag):
        """(bytes, digest, mediaType) of the manifest tagged `tag`, or None."""
        for entry in self.index.get("manifests", []):
            if entry.get("annotations", {}).get(REF_NAME) == tag:
                data = self.blob(entry["digest"])
                return data, entry["digest"], entry["mediaType"]
        return None

    def push_blob(self, data):
        digest = sha256(data)
        path = self._path(digest)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
        return digest

    def put_manifest(self, data, media_type, tag):
        digest = self.push_blob(data)
        entries = [e for e in self.index.get("manifests", [])
                   if e.get("annotations", {}).get(REF_NAME) != tag]
        entries.append({"mediaType": media_type, "digest": digest, "size": len(data),
                        "annotations": {REF_NAME: tag}})
        self.index["manifests"] = entries
        tmp = os.path.join(self.root, "index.json.tmp")
        with open(tmp, "wb") as f:
            f.write(json.dumps(self.index, separators=(",", ":")).encode())
        os.replace(tmp, os.path.join(self.root, "index.json"))


class RegistryStore:
    def __init__(self, base, repo):
        self.base = base.rstrip("/")
        self.repo = repo

    def _url(self, path):
        return self.base + "/v2/" + self.repo + path

    def _request(self, method, url, data=None, headers=None):
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def manifest(self, ref):
        status, headers, body = self._request("GET", self._url("/manifests/" + ref), headers={"Accept": ACCEPT})
        if status == 404:
            return None
        if status != 200:
            raise BadInput("GET manifest %s: HTTP %d %s" % (ref, status, body[:200]))
        media_type = headers.get("Content-Type", "").split(";")[0].strip()
        return body, sha256(body), media_type

    def blob(self, digest):
        status, _, body = self._request("GET", self._url("/blobs/" + digest))
        if status != 200:
            raise BadInput("GET blob %s: HTTP %d" % (digest, status))
        if sha256(body) != digest:
            raise BadInput("blob " + digest + " does not match its digest")
        return body

    def push_blob(self, data):
        digest = sha256(data)
        status, _, _ = self._request("HEAD", self._url("/blobs/" + digest))
        if status == 200:
            return digest
        status, headers, body = self._request("POST", self._url("/blobs/uploads/"))
        if status != 202:
            raise BadInput("start upload: HTTP %d %s" % (status, body[:200]))
        location = urllib.parse.urljoin(self.base + "/", headers["Location"])
        sep = "&" if "?" in location else "?"
        status, _, body = self._request("PUT", location + sep + "digest=" + urllib.parse.quote(digest), data=data,
                                        headers={"Content-Type": "application/octet-stream"})
        if status != 201:
            raise BadInput("finish upload: HTTP %d %s" % (status, body[:200]))
        return digest

    def put_manifest(self, data, media_type, tag):
        status, _, body = self._request("PUT", self._url("/manifests/" + tag), data=data,
                                        headers={"Content-Type": media_type})
        if status != 201:
            raise BadInput("PUT manifest %s: HTTP %d %s" % (tag, status, body[:200]))


# ---- payload --------------------------------------------------------------------------------------------------

def no_duplicates(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError("duplicate key " + repr(k))
        out[k] = v
    return out


def exact(obj, keys, where):
    if not isinstance(obj, dict) or set(obj.keys()) != set(keys):
        raise ValueError("%s must have exactly the keys %s" % (where, sorted(keys)))


def parse_payload(data):
    """The manifest digest a payload names; raises ValueError unless it is a well-formed cosign payload."""
    if len(data) > MAX_PAYLOAD:
        raise ValueError("payload too large")
    doc = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates)
    exact(doc, {"critical", "optional"}, "payload")
    if doc["optional"] is not None and not isinstance(doc["optional"], dict):
        raise ValueError("optional must be an object or null")
    crit = doc["critical"]
    exact(crit, {"identity", "image", "type"}, "critical")
    if crit["type"] != PAYLOAD_TYPE:
        raise ValueError("wrong type " + repr(crit["type"]))
    exact(crit["image"], {"docker-manifest-digest"}, "critical.image")
    exact(crit["identity"], {"docker-reference"}, "critical.identity")
    if not isinstance(crit["identity"]["docker-reference"], str):
        raise ValueError("docker-reference must be a string")
    digest = crit["image"]["docker-manifest-digest"]
    if not isinstance(digest, str):
        raise ValueError("digest must be a string")
    return digest


def make_payload(identity, digest):
    # cosign's compact form: critical{identity, image, type}, then optional null.
    doc = {"critical": {"identity": {"docker-reference": identity},
                        "image": {"docker-manifest-digest": digest},
                        "type": PAYLOAD_TYPE},
           "optional": None}
    return json.dumps(doc, separators=(",", ":")).encode()


# ---- keys ---------------------------------------------------------------------------------------------------

def load_public(path):
    with open(path, "rb") as f:
        return serialization.load_pem_public_key(f.read())


def load_private(path):
    with open(path, "rb") as f:
        return serialization.load_pem_private_key(f.read(), password=None)


def verify_sig(key, data, sig):
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            # cosign hashes with SHA-256 for every curve; accept the curve's own hash too.
            for h in (hashes.SHA256(), {256: hashes.SHA256(), 384: hashes.SHA384(), 521: hashes.SHA512()}
                      [key.curve.key_size]):
                try:
                    key.verify(sig, data, ec.ECDSA(h))
                    return True
                except InvalidSignature:
                    pass
            return False
        if isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(sig, data)
            return True
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(sig, data, padding.PKCS1v15(), hashes.SHA256())
            return True
    except InvalidSignature:
        return False
    raise BadInput("unsupported key type")


def sign(key, data):
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hashes.SHA256()))
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(data)
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    raise BadInput("unsupported key type")


# ---- operations -----------------------------------------------------------------------------------------------

def verify(store, tag, pub_path):
    key = load_public(pub_path)
    found = store.manifest(tag)
    if found is None:
        print("rejected: no image " + tag)
        return 1
    _, digest, _ = found
    sig = store.manifest(sig_tag(digest))
    if sig is None:
        print("rejected: no signature tag " + sig_tag(digest))
        return 1
    layers = json.loads(sig[0].decode("utf-8"), object_pairs_hook=no_duplicates).get("layers", [])
    good = 0
    for i, layer in enumerate(layers[:MAX_LAYERS]):
        if layer.get("mediaType") != SIMPLE_SIGNING:
            print("layer %d: ignored (%s)" % (i, layer.get("mediaType")))
            continue
        try:
            sig_bytes = base64.b64decode(layer.get("annotations", {}).get(SIG_ANNOTATION, ""), validate=True)
            if not sig_bytes:
                raise ValueError("empty signature annotation")
            payload = store.blob(layer["digest"])
            if not verify_sig(key, payload, sig_bytes):
                raise ValueError("signature does not verify")
            claimed = parse_payload(payload)
            if claimed != digest:
                raise ValueError("payload names %s, image is %s" % (claimed, digest))
        except (ValueError, KeyError, UnicodeDecodeError, BadInput) as e:
            print("layer %d: invalid: %s" % (i, e))
            continue
        print("layer %d: verified %s" % (i, digest))
        good += 1
    if good == 0:
        print("rejected: no valid signature for " + digest)
        return 1
    print("verified: %d signature(s) for %s" % (good, digest))
    return 0


def append(store, tag, key_path, identity):
    key = load_private(key_path)
    found = store.manifest(tag)
    if found is None:
        raise BadInput("no image " + tag)
    _, digest, _ = found
    payload = make_payload(identity, digest)
    signature = base64.b64encode(sign(key, payload)).decode()
    payload_digest = store.push_blob(payload)
    layer = {"mediaType": SIMPLE_SIGNING, "size": len(payload), "digest": payload_digest,
             "annotations": {SIG_ANNOTATION: signature}}
    existing = store.manifest(sig_tag(digest))
    layers = json.loads(existing[0].decode("utf-8"))["layers"] if existing else []
    layers.append(layer)
    config = {"architecture": "", "created": "0001-01-01T00:00:00Z",
              "history": [{"created": "0001-01-01T00:00:00Z"} for _ in layers], "os": "",
              "rootfs": {"type": "layers", "diff_ids": [l["digest"] for l in layers]}, "config": {}}
    config_bytes = json.dumps(config, separators=(",", ":")).encode()
    config_digest = store.push_blob(config_bytes)
    manifest = {"schemaVersion": 2, "mediaType": OCI_MANIFEST,
                "config": {"mediaType": OCI_CONFIG, "size": len(config_bytes), "digest": config_digest},
                "layers": layers}
    store.put_manifest(json.dumps(manifest, separators=(",", ":")).encode(), OCI_MANIFEST, sig_tag(digest))
    print("signed %s: %d layer(s) in %s" % (digest, len(layers), sig_tag(digest)))
    return 0


def main(argv):
    if len(argv) < 2:
        raise BadInput(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "verify-layout" and len(args) == 3:
        return verify(LayoutStore(args[0]), args[1], args[2])
    if cmd == "sign-layout" and len(args) in (3, 4):
        ident = args[3] if len(args) == 4 else "layout/" + os.path.basename(os.path.abspath(args[0]))
        return append(LayoutStore(args[0]), args[1], args[2], ident)
    if cmd == "verify-registry" and len(args) == 4:
        return verify(RegistryStore(args[0], args[1]), args[2], args[3])
    if cmd == "sign-registry" and len(args) in (4, 5):
        ident = args[4] if len(args) == 5 else urllib.parse.urlparse(args[0]).netloc + "/" + args[1]
        return append(RegistryStore(args[0], args[1]), args[2], args[3], ident)
    raise BadInput(__doc__)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (BadInput, OSError, ValueError) as e:
        print("bad input: %s" % e, file=sys.stderr)
        sys.exit(2)
