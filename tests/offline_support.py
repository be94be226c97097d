"""Reading an strace log (``strace -f -yy -e trace=connect,sendto,sendmmsg``) for anything that
leaves the machine: shared by the export and browser tests."""

from __future__ import annotations

import re

TRACE = ("strace", "-f", "-qq", "-yy", "-e", "trace=connect,sendto,sendmmsg")


def off_machine(trace: str) -> list[str]:
    """Lines that reach past loopback: a TCP connection to another host, or a datagram to a
    name server (port 53)."""
    leaks = []
    for line in trace.splitlines():
        tcp_out = "TCP" in line and "connect(" in line and not re.search(r"127\.0\.0\.1|::1",
                                                                          line)
        if tcp_out or re.search(r"htons\(53\)|:53\]", line):
            leaks.append(line)
    return leaks
