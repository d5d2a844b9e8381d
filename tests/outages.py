"""Outages made real for the tests: a database or a cache that is not there."""

import socket
import threading
from contextlib import contextmanager

from django.db import connection


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once closed


@contextmanager
def database_down():
    """Points the connection at a database that is not there, for real: the
    next connection attempt fails as it does when the server is down."""
    settings_dict = connection.settings_dict
    original = dict(settings_dict)
    # Django's SQLite test database lives in memory for as long as one
    # connection to it is open: keep this one open, and make Django connect anew.
    kept = connection.connection
    if connection.vendor == "sqlite":
        connection.connection = None
        settings_dict["NAME"] = "/nonexistent-directory/newsroom.sqlite3"
    else:
        connection.close()
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    try:
        yield
    finally:
        settings_dict.clear()
        settings_dict.update(original)
        connection.close()
        if connection.vendor == "sqlite":
            connection.connection = kept


@contextmanager
def silent_server():
    """A port that accepts connections and never answers: a hung server
    (a Redis stopped with SIGSTOP behaves the same to its clients)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.05)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for peer in accepted:
            peer.close()
        server.close()
