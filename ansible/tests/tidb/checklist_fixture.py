#!/usr/bin/env python3
"""Writes a fixture /sys + /proc tree and a fake chronyc for the tidb_os checklist test.

  checklist_fixture.py DIR good|bad
good: THP never, no swap, /data on ext4 with nodelalloc,noatime on sdb (scheduler none), governor
performance, chrony synchronised 0.2 ms off.  bad: THP always, swap on, /data on ext4 without
nodelalloc or noatime, scheduler mq-deadline, governor powersave, clock 800 ms off.
"""
import os
import pathlib
import sys


def write(p, text, mode=0o644):
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text)
    p.chmod(mode)


def main():
    d, kind = pathlib.Path(sys.argv[1]), sys.argv[2]
    good = kind == "good"
    thp = "always madvise [never]\n" if good else "[always] madvise never\n"
    write(d / "sys/kernel/mm/transparent_hugepage/enabled", thp)
    write(d / "sys/kernel/mm/transparent_hugepage/defrag", thp)
    write(d / "proc/swaps", "Filename\tType\tSize\tUsed\tPriority\n"
          + ("" if good else "/dev/sda2\tpartition\t8388604\t0\t-2\n"))
    opts = "rw,noatime,nodelalloc" if good else "rw,relatime"
    write(d / "proc/mounts", f"/dev/sda1 / ext4 rw,relatime 0 0\n/dev/sdb1 /data ext4 {opts} 0 0\n"
          "tmpfs /run tmpfs rw,nosuid 0 0\n")
    disk = d / "sys/devices/pci0000:00/0000:00:1f.2/block/sdb"
    write(disk / "sdb1/partition", "1\n")
    write(disk / "queue/scheduler", "[none] mq-deadline\n" if good else "none [mq-deadline]\n")
    (d / "sys/class/block").mkdir(parents=True, exist_ok=True)
    link = d / "sys/class/block/sdb1"
    if not link.exists():
        os.symlink(os.path.relpath(disk / "sdb1", link.parent), link)
    for cpu in (0, 1):
        write(d / f"sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_governor", "performance\n" if good else "powersave\n")
    offset = "+0.000213456" if good else "-0.812345678"
    write(d / "chronyc", f"""#!/bin/sh
cat <<OUT
Reference ID    : C0A80001 (ntp1)
Stratum         : 3
Last offset     : {offset} seconds
RMS offset      : 0.000300000 seconds
Leap status     : Normal
OUT
""", 0o755)


if __name__ == "__main__":
    main()
