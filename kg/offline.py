"""No network while parsing or querying RDF.

rdflib follows remote JSON-LD ``@context`` URLs, ``owl:imports`` and SPARQL
``SERVICE`` targets on its own; a crafted input could make it reach any address.
Inside ``offline()`` an audit hook (installed once per process) refuses every
socket connection, name lookup and non-file URL open with ``NetworkBlocked``.

>>> import socket
>>> with offline():
...     socket.create_connection(("127.0.0.1", 9))
Traceback (most recent call last):
...
kg.offline.NetworkBlocked: network access refused while parsing or querying (socket.getaddrinfo)
"""

from __future__ import annotations

import contextlib
import contextvars
import sys

_BLOCKED = contextvars.ContextVar("kg_offline", default=False)
_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
           "socket.gethostbyaddr", "socket.sendto", "urllib.Request"}
_installed = False


class NetworkBlocked(ConnectionError):
    """Something tried to reach the network inside ``offline()``."""


def _hook(event: str, args: tuple) -> None:
    if event not in _EVENTS or not _BLOCKED.get():
        return
    if event == "urllib.Request" and str(args[0]).lower().startswith("file:"):
        return
    raise NetworkBlocked(f"network access refused while parsing or querying ({event})")


@contextlib.contextmanager
def offline():
    """Refuse network access in this thread of work until the block ends."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    token = _BLOCKED.set(True)
    try:
        yield
    finally:
        _BLOCKED.reset(token)
