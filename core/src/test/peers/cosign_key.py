#!/usr/bin/env python3
"""Independent implementation of cosign's encrypted private key format, for interop tests.

Written from the format description only (scrypt + NaCl secretbox around PKCS#8 DER, in base64 JSON inside PEM),
with Python `cryptography` for keys and scrypt and PyNaCl for secretbox.

  cosign_key.py read KEYFILE PASSWORD            decrypts KEYFILE, prints its public key as SPKI PEM
  cosign_key.py write PREFIX PASSWORD [ecdsa|ed25519|rsa]
                                                 writes PREFIX.key (scrypt N=32768) and PREFIX.pub
"""
import base64
import json
import os
import sys

import nacl.secret
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

LABELS = ("ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY")
ACCEPTED = {(32768, 8, 1), (65536, 8, 1), (131072, 8, 1)}


def pem_body(text):
    lines = text.strip().splitlines()
    begin, end = lines[0], lines[-1]
    for label in LABELS:
        if begin == "-----BEGIN %s-----" % label and end == "-----END %s-----" % label:
            return base64.b64decode("".join(lines[1:-1]), validate=True)
    raise SystemExit("not an encrypted cosign key: " + begin)


def derive(password, salt, n, r, p):
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


def read(keyfile, password):
    with open(keyfile, "r", encoding="ascii") as f:
        envelope = json.loads(pem_body(f.read()))
    kdf, cipher = envelope["kdf"], envelope["cipher"]
    if kdf["name"] != "scrypt" or cipher["name"] != "nacl/secretbox":
        raise SystemExit("unsupported kdf or cipher")
    params = kdf["params"]
    n, r, p = params["N"], params["r"], params["p"]
    if (n, r, p) not in ACCEPTED:
        raise SystemExit("unsupported scrypt parameters")
    key = derive(password, base64.b64decode(kdf["salt"]), n, r, p)
    box = nacl.secret.SecretBox(key)
    pkcs8 = box.decrypt(base64.b64decode(envelope["ciphertext"]), base64.b64decode(cipher["nonce"]))
    private = serialization.load_der_private_key(pkcs8, password=None)
    sys.stdout.write(private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii"))


def pem(label, der):
    b64 = base64.b64encode(der).decode("ascii")
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, "\n".join(lines), label)


def write(prefix, password, kind):
    if kind == "ecdsa":
        private = ec.generate_private_key(ec.SECP256R1())
    elif kind == "ed25519":
        private = ed25519.Ed25519PrivateKey.generate()
    elif kind == "rsa":
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        raise SystemExit("unknown key type " + kind)
    pkcs8 = private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
    salt = os.urandom(32)
    nonce = os.urandom(24)
    n, r, p = 32768, 8, 1
    box = nacl.secret.SecretBox(derive(password, salt, n, r, p))
    sealed = box.encrypt(pkcs8, nonce).ciphertext  # tag || ciphertext, without the nonce
    envelope = {
        "kdf": {"name": "scrypt", "params": {"N": n, "r": r, "p": p},
                "salt": base64.b64encode(salt).decode("ascii")},
        "cipher": {"name": "nacl/secretbox", "nonce": base64.b64encode(nonce).decode("ascii")},
        "ciphertext": base64.b64encode(sealed).decode("ascii"),
    }
    body = json.dumps(envelope, separators=(",", ":")).encode("utf-8")
    with open(prefix + ".key", "w", encoding="ascii") as f:
        f.write(pem(LABELS[0], body))
    with open(prefix + ".pub", "w", encoding="ascii") as f:
        f.write(private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii"))


def main(argv):
    if len(argv) >= 3 and argv[0] == "read":
        read(argv[1], argv[2])
    elif len(argv) >= 3 and argv[0] == "write":
        write(argv[1], argv[2], argv[3] if len(argv) > 3 else "ecdsa")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
