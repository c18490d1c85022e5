#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Names the release a caddy-backend jar is: the build stamp Maven filtered into it, else its checksum."""
from __future__ import annotations

DOCUMENTATION = r"""
module: caddy_app_jar_release
short_description: Read a caddy-backend jar's build stamp and name its release directory
description:
  - Reads caddy-backend-version.properties from the jar (the stamp /health/status and caddy_build_info report)
    and returns the release id the app role keeps it under in <install_dir>/releases/.
  - The id is <version>-<commit> for a build of a clean checkout, so that the same build deployed twice is the
    same release; <version>-<commit>-dirty-<sha256 prefix> when the checkout had local changes (the commit does
    not say what is inside); sha256-<prefix> when the jar carries no stamp (a build outside Git).
  - It changes nothing.
options:
  path:
    description: The jar.
    type: path
    required: true
author: caddy-backend operations
"""

EXAMPLES = r"""
- name: Name the release of the jar to deploy
  caddy_app_jar_release:
    path: /srv/build/caddy-backend.jar
  register: release
"""

RETURN = r"""
release: {description: The release id (directory name under releases/), type: str, returned: always}
version: {description: The stamped version (null when unstamped), type: str, returned: always}
commit: {description: The stamped commit (null when unstamped), type: str, returned: always}
dirty: {description: Whether the checkout had local changes (null when unknown), type: bool, returned: always}
sha256: {description: The jar's SHA-256, type: str, returned: always}
"""

import hashlib
import re
import zipfile

from ansible.module_utils.basic import AnsibleModule

PROPERTIES = "caddy-backend-version.properties"
# What BuildInfo treats as "the build could not know": empty, "unknown", or an unfiltered ${...}.
UNSTAMPED = re.compile(r"^$|^unknown$|\$\{")
SAFE = re.compile(r"[^A-Za-z0-9._+-]")


def stamp(jar):
    """version, commit, dirty from the jar's properties; None for what it does not carry."""
    try:
        text = jar.read(PROPERTIES).decode("utf-8", "replace")
    except KeyError:
        return None, None, None
    values = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "!")):
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()

    def known(key):
        value = values.get(key, "")
        return None if UNSTAMPED.search(value) else value

    dirty = known("dirty")
    return known("version"), known("commit"), None if dirty is None else dirty.lower() == "true"


def release_id(version, commit, dirty, sha256):
    if version and commit and dirty is False:
        return SAFE.sub("_", f"{version}-{commit}")
    if version and commit:
        return SAFE.sub("_", f"{version}-{commit}-dirty-{sha256[:12]}")
    return f"sha256-{sha256[:12]}"


def describe(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    sha256 = digest.hexdigest()
    with zipfile.ZipFile(path) as jar:
        version, commit, dirty = stamp(jar)
    return {"release": release_id(version, commit, dirty, sha256), "version": version, "commit": commit,
            "dirty": dirty, "sha256": sha256}


def main():
    module = AnsibleModule(argument_spec={"path": {"type": "path", "required": True}}, supports_check_mode=True)
    path = module.params["path"]
    try:
        result = describe(path)
    except FileNotFoundError:
        module.fail_json(msg=f"{path}: no such jar (build it with `make build`)")
    except zipfile.BadZipFile:
        module.fail_json(msg=f"{path}: not a jar (not a zip archive)")
    except OSError as e:
        module.fail_json(msg=f"{path}: {e}")
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()
