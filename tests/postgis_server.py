"""A throw-away PostgreSQL + PostGIS cluster for the tests (and the library benchmark).

The cluster lives in a temporary folder, listens on 127.0.0.1 and a unix socket on a free port,
and runs as the ``postgres`` OS user when we are root (PostgreSQL refuses to run as root).
Missing binaries are an error, not a skip: ``make setup`` installs them (postgresql-15-postgis-3
on Debian 12; scripts/ltr_chroot.sh installs PostgreSQL 17 + PostGIS on Debian 13). The newest
installed PostgreSQL that has PostGIS is used; ``YMT_PG_BIN`` overrides the choice.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def _pg_with_postgis() -> tuple[Path, Path | None]:
    """(bin folder, postgis.control) of the newest PostgreSQL with PostGIS, or the newest one."""
    found = []
    for bindir in Path("/usr/lib/postgresql").glob("*/bin"):
        version = bindir.parent.name
        if version.isdigit() and (bindir / "initdb").exists():
            control = Path("/usr/share/postgresql", version, "extension", "postgis.control")
            found.append((control.exists(), int(version), bindir, control))
    if not found:
        return Path("/usr/lib/postgresql/<version>/bin"), None
    has_postgis, _, bindir, control = max(found)
    return bindir, control if has_postgis else None


if os.environ.get("YMT_PG_BIN"):
    PG_BIN = Path(os.environ["YMT_PG_BIN"])
    POSTGIS_CONTROL = Path(
        "/usr/share/postgresql", PG_BIN.parent.name, "extension", "postgis.control"
    )
else:
    PG_BIN, POSTGIS_CONTROL = _pg_with_postgis()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgisServer:
    def __init__(self, durable: bool = False, keep: str | Path | None = None):
        self.durable = durable  # fsync etc. on (benchmarks) or off (tests: faster)
        # keep: a folder (new or empty) that holds the cluster and is left on disk at stop(),
        # its port and sockets written into its configuration (see ctl_command)
        self.keep = Path(keep).resolve() if keep else None
        self.port = _free_port()
        self.tmp = None
        self._counter = itertools.count(1)
        self._template = False

    def _as_owner(self, args: list) -> list:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--"] + args
        return args

    def start(self) -> PostgisServer:
        for tool in ("initdb", "pg_ctl", "postgres"):
            if not (PG_BIN / tool).exists():
                raise RuntimeError(
                    f"PostgreSQL binary {PG_BIN / tool} is missing: run `make setup` "
                    "(Debian packages postgresql-<version>-postgis-3)"
                )
        if POSTGIS_CONTROL is None or not POSTGIS_CONTROL.exists():
            raise RuntimeError(
                f"PostGIS is not installed for the PostgreSQL in {PG_BIN.parent} "
                "(Debian package postgresql-<version>-postgis-3)"
            )
        if self.keep:
            if self.keep.exists() and any(self.keep.iterdir()):
                raise RuntimeError(f"{self.keep} is not empty: keep needs a new or empty folder")
            self.keep.mkdir(parents=True, exist_ok=True)
            self.tmp = self.keep
        else:
            self.tmp = Path(tempfile.mkdtemp(prefix="ymt-pg-"))
        os.chmod(self.tmp, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.tmp, "postgres", "postgres")
        self.data = self.tmp / "data"
        self.socket_dir = self.tmp
        self._run(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        )
        opts = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
        opts += " -c max_connections=60"
        if self.keep:  # a plain `pg_ctl start` later listens where it does now
            conf = f"port = {self.port}\nunix_socket_directories = '{self.socket_dir}'\n"
            conf += "listen_addresses = '127.0.0.1'\nmax_connections = 60\n"
            self._run(["sh", "-c", f"cat >> {self.data / 'postgresql.auto.conf'}"], conf)
        if not self.durable:
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.tmp / "server.log"),
                "-o",
                opts,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        return self

    def _run(self, args: list, stdin: str | None = None) -> None:
        proc = subprocess.run(
            self._as_owner(args), capture_output=True, text=True, cwd=str(self.tmp), input=stdin
        )
        if proc.returncode != 0:
            log = ""
            if self.tmp and (self.tmp / "server.log").exists():
                log = (self.tmp / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}\n{log}")

    def uri(self, dbname: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str, dbname: str = "postgres") -> None:
        import psycopg2

        conn = psycopg2.connect(self.uri(dbname))
        conn.autocommit = True
        try:
            conn.cursor().execute(sql)
        finally:
            conn.close()

    def new_database(self, prefix: str = "ymt", postgis: bool = True, name: str = "") -> str:
        """A fresh database without Yimatong tables; returns its URI (the library creates its
        schema on open). With ``postgis`` it is cloned from a template that has the extension
        (CREATE EXTENSION postgis takes a while); without, the library must create it.
        ``name``: this exact database name (default: ``prefix``, the process id, a counter)."""
        name = name or f"{prefix}_{os.getpid()}_{next(self._counter)}"
        if postgis:
            if not self._template:
                self.admin('CREATE DATABASE "ymt_template"')
                self.admin("CREATE EXTENSION postgis", dbname="ymt_template")
                self._template = True
            self.admin(f'CREATE DATABASE "{name}" TEMPLATE "ymt_template"')
        else:
            self.admin(f'CREATE DATABASE "{name}"')
        return self.uri(name)

    def ctl_command(self, action: str = "start") -> str:
        """The shell command that starts (or stops: ``-m fast stop``) a kept cluster again;
        started so it is durable (fsync on)."""
        pg_ctl = f"{PG_BIN / 'pg_ctl'} -D {self.data} -l {self.data.parent / 'server.log'} -w"
        return " ".join(self._as_owner(pg_ctl.split())) + " " + action

    def stop(self) -> None:
        if self.tmp is None:
            return
        if self.keep:  # a clean shutdown; the folder stays
            self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])
            self.tmp = None
            return
        try:
            self._run(
                [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]
            )
        except RuntimeError:
            pass
        time.sleep(0.1)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp = None


@pytest.fixture(scope="session")
def postgis_server():
    """A running PostGIS cluster for the whole test session (stopped at the end)."""
    server = PostgisServer().start()
    yield server
    server.stop()
