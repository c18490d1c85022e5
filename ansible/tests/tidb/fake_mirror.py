#!/usr/bin/env python3
"""Writes a directory shaped like a TiUP offline mirror (snapshot.json, N.<component>.json,
<component>-<version>-linux-amd64.tar.gz) for tests of scripts/build-tidb-archive. The binaries are
shell scripts that print their name: NOT TiDB.

  fake_mirror.py DIR VERSION [--drop COMPONENT] [--bad-hash COMPONENT]
"""
import hashlib
import io
import json
import pathlib
import sys
import tarfile

CONTENT = {"pd": ["pd-server"], "tikv": ["tikv-server"], "tidb": ["tidb-server"], "br": ["br"],
           "ctl": ["pd-ctl", "tikv-ctl", "tidb-ctl", "etcdctl"]}


def main():
    d, version = pathlib.Path(sys.argv[1]), sys.argv[2]
    drop = sys.argv[sys.argv.index("--drop") + 1] if "--drop" in sys.argv else None
    bad = sys.argv[sys.argv.index("--bad-hash") + 1] if "--bad-hash" in sys.argv else None
    d.mkdir(parents=True, exist_ok=True)
    meta = {}
    for component, binaries in CONTENT.items():
        name = f"{component}-{version}-linux-amd64.tar.gz"
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w:gz") as tar:
            for b in binaries:
                if component == drop and b != binaries[0]:
                    continue
                data = f"#!/bin/sh\necho '{b} {version} (fake for tests)'\n".encode()
                info = tarfile.TarInfo(b)
                info.size, info.mode = len(data), 0o755
                tar.addfile(info, io.BytesIO(data))
        (d / name).write_bytes(buf.getvalue())
        digest = hashlib.sha256(buf.getvalue()).hexdigest()
        if component == bad:
            digest = "0" * 64
        manifest = {"signatures": [], "signed": {"_type": "component", "id": component, "version": 3,
                    "platforms": {"linux/amd64": {version: {"url": f"/{name}", "entry": binaries[0], "yanked": False,
                                                            "hashes": {"sha256": digest}, "length": len(buf.getvalue())}}}}}
        (d / f"3.{component}.json").write_text(json.dumps(manifest))
        meta[f"/{component}.json"] = {"version": 3, "length": 0}
    (d / "snapshot.json").write_text(json.dumps({"signatures": [], "signed": {"_type": "snapshot", "meta": meta}}))


if __name__ == "__main__":
    main()
