#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Reads what TiUP's `cluster check` reads on a TiDB host; the tidb_os role judges it."""
from __future__ import annotations

DOCUMENTATION = r"""
module: caddy_tidb_host_facts
short_description: Read the TiDB checklist facts of a host (THP, swap, data disk mounts, I/O scheduler, CPU governor, clock)
description:
  - Reads /sys, /proc and chronyc and returns what it found; it changes nothing.
options:
  root:
    description: Where /sys and /proc are (tests point it at a fixture tree).
    type: path
    default: /
  data_dirs:
    description: Data directories whose file system and disk are checked.
    type: list
    elements: path
    default: []
  chronyc:
    description: The chronyc command ("" skips the clock).
    type: str
    default: /usr/bin/chronyc
author: caddy-backend operations
"""

EXAMPLES = r"""
- name: Read the TiDB checklist facts
  caddy_tidb_host_facts:
    data_dirs: [/data/tidb]
  register: facts
"""

RETURN = r"""
thp: {description: Selected THP mode (enabled) and defrag mode, type: dict, returned: always}
swaps: {description: Active swap devices, type: list, returned: always}
mounts: {description: Per data directory the mount point, file system type, options, disk and its I/O scheduler, type: list, returned: always}
governors: {description: Distinct CPU frequency governors ([] when the kernel has no cpufreq), type: list, returned: always}
clock: {description: chronyc tracking's leap status and last offset in ms (null when skipped or not found), type: dict, returned: always}
"""

import glob
import os
import re
import subprocess

from ansible.module_utils.basic import AnsibleModule


def selected(text):
    m = re.search(r"\[([^\]]+)\]", text or "")
    return m.group(1) if m else (text or "").strip()


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def mount_of(path, mounts):
    """The mount (longest matching mount point) holding path; path need not exist yet."""
    best = None
    for mp, fstype, opts, source in mounts:
        if path == mp or path.startswith(mp.rstrip("/") + "/") or mp == "/":
            if best is None or len(mp) > len(best[0]):
                best = (mp, fstype, opts, source)
    return best


def disk_scheduler(root, source):
    """I/O scheduler of the disk behind a mount source (/dev/sda1 -> sda)."""
    name = os.path.basename(source or "")
    dev = os.path.join(root, "sys/class/block", name)
    if not os.path.exists(dev):
        return name, None
    real = os.path.realpath(dev)
    disk = os.path.dirname(real) if os.path.exists(os.path.join(real, "partition")) else real
    return os.path.basename(disk), selected(read(os.path.join(disk, "queue/scheduler")))


def main():
    module = AnsibleModule(
        argument_spec={"root": {"type": "path", "default": "/"},
                       "data_dirs": {"type": "list", "elements": "path", "default": []},
                       "chronyc": {"type": "str", "default": "/usr/bin/chronyc"}},
        supports_check_mode=True)
    root = module.params["root"]
    mounts = []
    for line in (read(os.path.join(root, "proc/mounts")) or "").splitlines():
        f = line.split()
        if len(f) >= 4:
            mounts.append((f[1], f[2], f[3].split(","), f[0]))
    found = []
    for d in module.params["data_dirs"]:
        m = mount_of(d, mounts)
        if m is None:
            found.append({"dir": d, "mount_point": None})
            continue
        disk, scheduler = disk_scheduler(root, m[3])
        found.append({"dir": d, "mount_point": m[0], "fstype": m[1], "options": m[2], "source": m[3],
                      "disk": disk, "scheduler": scheduler})
    swaps = [l.split()[0] for l in (read(os.path.join(root, "proc/swaps")) or "").splitlines()[1:] if l.strip()]
    governors = sorted({(read(p) or "").strip()
                        for p in glob.glob(os.path.join(root, "sys/devices/system/cpu/cpu[0-9]*/cpufreq/scaling_governor"))})
    clock = {"leap_status": None, "last_offset_ms": None, "error": None}
    if module.params["chronyc"]:
        try:
            out = subprocess.run([module.params["chronyc"], "-n", "tracking"], capture_output=True, text=True,
                                 timeout=10, check=False)
            leap = re.search(r"^Leap status\s*:\s*(.+)$", out.stdout, re.M)
            offset = re.search(r"^Last offset\s*:\s*([-+]?[0-9.]+) seconds", out.stdout, re.M)
            clock["leap_status"] = leap.group(1).strip() if leap else None
            clock["last_offset_ms"] = float(offset.group(1)) * 1000 if offset else None
            if out.returncode != 0:
                clock["error"] = (out.stderr or out.stdout).strip()
        except (OSError, subprocess.TimeoutExpired) as e:
            clock["error"] = str(e)
    thp_base = os.path.join(root, "sys/kernel/mm/transparent_hugepage")
    module.exit_json(changed=False,
                     thp={"enabled": selected(read(os.path.join(thp_base, "enabled"))),
                          "defrag": selected(read(os.path.join(thp_base, "defrag")))},
                     swaps=swaps, mounts=found, governors=governors, clock=clock)


if __name__ == "__main__":
    main()
