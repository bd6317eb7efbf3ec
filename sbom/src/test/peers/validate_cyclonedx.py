#!/usr/bin/env python3
"""Validates a CycloneDX JSON BOM against the specification's JSON schema for its specVersion with python-jsonschema,
an implementation independent of CycloneDX core-java. Usage: validate_cyclonedx.py SCHEMA_DIR BOM.json
Prints 'valid <specVersion> <n> components' and exits 0, or prints each error and exits 1."""
import json
import sys
import warnings

import jsonschema

warnings.simplefilter("ignore", DeprecationWarning)


def main():
    schema_dir, bom_path = sys.argv[1], sys.argv[2]
    with open(bom_path, encoding="utf-8") as f:
        bom = json.load(f)
    version = bom.get("specVersion")
    store = {}
    for name in ("spdx.schema.json", "jsf-0.82.schema.json", "bom-1.5.schema.json", "bom-1.6.schema.json"):
        with open(f"{schema_dir}/{name}", encoding="utf-8") as f:
            s = json.load(f)
        store[s["$id"]] = s
    schema = store.get(f"http://cyclonedx.org/schema/bom-{version}.schema.json")
    if schema is None:
        print(f"no schema for specVersion {version!r}")
        sys.exit(1)
    resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema, store=store)
    validator = jsonschema.Draft7Validator(schema, resolver=resolver)
    errors = sorted(validator.iter_errors(bom), key=lambda e: list(e.absolute_path))
    for e in errors:
        print("/".join(str(p) for p in e.absolute_path) + ": " + e.message)
    if errors:
        sys.exit(1)
    print(f"valid {version} {len(bom.get('components', []))} components")


if __name__ == "__main__":
    main()
