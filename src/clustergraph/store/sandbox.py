"""A thread that cannot open network connections: the second line of defence against SERVICE.

The first line is the parsed form of every query (SERVICE and LOAD are refused unless the server
allows them). This module makes the refusal hold even if a query the parser saw one way ran
another way: pyoxigraph sends SERVICE requests from the Rust side, where Python cannot intercept
them, so the thread that runs queries asks the kernel (a seccomp filter) to refuse it every new
Internet socket (``AF_INET``/``AF_INET6``) and io_uring. Unix sockets, pipes and files still work,
and the filter holds only for the calling thread and the threads it starts: the server's own
threads keep their network.

Why our own code: the filter is a dozen BPF instructions loaded with two ``prctl`` calls; the
Python bindings of libseccomp are a Debian package, not on PyPI, and a sandbox process
(namespaces, firejail) would need privileges the server does not have.

>>> import socket, threading
>>> outcome = []
>>> def worker():
...     deny_network()
...     try:
...         socket.socket(socket.AF_INET, socket.SOCK_STREAM)
...     except PermissionError:
...         outcome.append("refused")
>>> if network_denial_supported():
...     t = threading.Thread(target=worker); t.start(); t.join()
... else:
...     outcome.append("refused")
>>> outcome
['refused']
>>> socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()   # this thread still may
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys
import threading

from ..errors import ServiceNotAllowedError, StoreError

_denied = threading.local()

# Linux UAPI constants (linux/filter.h, linux/seccomp.h, linux/audit.h, linux/prctl.h).
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_AF_INET, _AF_INET6 = 2, 10
_X32_SYSCALL_BIT = 0x40000000
_IO_URING_SETUP = 425

#: Per machine: the audit architecture and the number of ``socket(2)``.
_ARCHES = {
    "x86_64": (0xC000003E, 41),
    "aarch64": (0xC00000B7, 198),
}


def network_denial_supported() -> bool:
    """Whether this system can deny a thread the network (Linux on x86-64 or AArch64)."""
    return sys.platform == "linux" and platform.machine() in _ARCHES


def _program() -> bytes:
    arch, socket_nr = _ARCHES[platform.machine()]
    deny = _RET_ERRNO | errno.EACCES
    # (code, jump-if-true, jump-if-false, k); jumps are relative to the next instruction.
    code: list[tuple[int, int, int, int]] = [
        (_LD_W_ABS, 0, 0, 4),  # 0: arch
        (_JEQ_K, 1, 0, arch),  # 1: foreign ABI (e.g. 32-bit calls) -> deny
        (_RET_K, 0, 0, deny),  # 2
        (_LD_W_ABS, 0, 0, 0),  # 3: syscall number
        (_JGE_K, 6, 0, _X32_SYSCALL_BIT),  # 4: x32 calls -> deny (11)
        (_JEQ_K, 5, 0, _IO_URING_SETUP),  # 5: io_uring -> deny (11)
        (_JEQ_K, 1, 0, socket_nr),  # 6: socket(2) -> look at the family (8)
        (_RET_K, 0, 0, _RET_ALLOW),  # 7
        (_LD_W_ABS, 0, 0, 16),  # 8: args[0], low word (little-endian machines)
        (_JEQ_K, 1, 0, _AF_INET),  # 9 -> deny (11)
        (_JEQ_K, 0, 1, _AF_INET6),  # 10 -> deny (11), else allow (12)
        (_RET_K, 0, 0, deny),  # 11
        (_RET_K, 0, 0, _RET_ALLOW),  # 12
    ]
    return b"".join(struct.pack("=HBBI", c, jt, jf, k) for c, jt, jf, k in code)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def deny_network() -> None:
    """Refuse the calling thread (and the threads it starts) every new Internet socket, for good.

    Raises
    ------
    StoreError
        If the kernel refuses to install the filter, or the system is not supported (see
        :func:`network_denial_supported`); the caller then must not run queries that are not
        allowed to reach the network.
    """
    if not network_denial_supported():
        raise StoreError(
            f"cannot deny queries the network on {sys.platform}/{platform.machine()}: the kernel"
            " filter needs Linux on x86-64 or AArch64; allow SERVICE explicitly or run on Linux"
        )
    libc = ctypes.CDLL(None, use_errno=True)
    program = _program()
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise StoreError(f"cannot deny queries the network: prctl(NO_NEW_PRIVS) failed ({ctypes.get_errno()})")
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise StoreError(f"cannot deny queries the network: the kernel refused the filter ({ctypes.get_errno()})")
    _denied.active = True


def network_denied() -> bool:
    """Whether :func:`deny_network` holds for the calling thread."""
    return bool(getattr(_denied, "active", False))


def refused_connection(err: BaseException) -> ServiceNotAllowedError | None:
    """The error to report when the filter refused a query's connection (``None`` otherwise).

    pyoxigraph reports the refused socket as a ``PermissionError``; in a thread without the
    network that can only be a call to another host that the parse did not see.
    """
    if isinstance(err, PermissionError) and network_denied():
        return ServiceNotAllowedError(
            "the query tried to contact another host (SERVICE or LOAD), and this server denies its"
            " queries the network; remove the call (an administrator can allow it with"
            " CLUSTERGRAPH_ALLOW_SERVICE=true)"
        )
    return None
