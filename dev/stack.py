"""The production stack as an operator runs it, on loopback: migrate, collectstatic, gunicorn.

Used by the tests in tests/ops/ and by `make bench-load`; nothing here is imported by the site.
"""

import http.client
import os
from pathlib import Path
import pwd
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, workdir, **extra):
    """The environment of a production portal whose files live in ``workdir``."""
    workdir = Path(workdir)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "SEARCHNODE_")) and key not in ("ELASTICSEARCH_URL",)
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        # Its own page cache: the archive version lives there, and the repository's shared one would
        # let another portal's writes (a test, another bench) renew it under this one.
        PAGE_CACHE_DIR=str(workdir / "page-cache"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def with_dev_tools(env):
    """``env`` under the dev settings, whose apps add the developer commands (``load_demo``) that production
    leaves out; the database, files and secret stay those of ``env``."""
    return {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}


def manage(env, *args, timeout=600):
    """Run ``manage.py ARGS`` in ``env``; raise with its output when it fails."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class Gunicorn:
    """gunicorn -c deploy/gunicorn.conf.py on a free loopback port, its logs in files."""

    def __init__(self, env, workdir, workers=2):
        self.env = dict(env)
        self.workdir = Path(workdir)
        self.workers = workers
        self.port = None
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait=60):
        self.workdir.mkdir(parents=True, exist_ok=True)
        for _attempt in range(3):
            self.port = free_port()
            env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(self.workers)}
            with open(self.log_paths[1], "ab") as stdout, open(self.log_paths[0], "ab") as stderr:
                self.process = subprocess.Popen(
                    [GUNICORN, "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
                    cwd=ROOT,
                    env=env,
                    stdout=stdout,
                    stderr=stderr,
                    start_new_session=True,
                )
            if self._wait_ready(wait):
                return self
            self.stop()
        raise RuntimeError(f"gunicorn did not start:\n{self.logs()}")

    def _wait_ready(self, wait):
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                return True  # it answers; what it says is the caller's business
            except OSError:
                time.sleep(0.2)
            finally:
                connection.close()
        return False

    @property
    def log_paths(self):
        return self.workdir / "gunicorn.err.log", self.workdir / "gunicorn.out.log"

    def logs(self):
        return "".join(path.read_text(errors="replace") for path in self.log_paths if path.exists())

    def cpu_seconds(self):
        """CPU time (user and system) the master and its workers have used so far, workers that were
        replaced included (their time is the master's once it has reaped them)."""
        return process_group_cpu(self.process.pid)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def process_group_cpu(leader):
    """Seconds of CPU used by the processes of ``leader``'s group, and by its reaped children (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        # After the name: [0] the state, [2] the group, [11] [12] user and system time, [13] [14] the reaped children's.
        if int(fields[2]) == leader:
            total += int(fields[11]) + int(fields[12])
            if int(stat.parent.name) == leader:
                total += int(fields[13]) + int(fields[14])
    return total / ticks


class PostgresServer:
    """The throwaway server of tests/pg/with-postgres.sh, which exports where it lives."""

    def __init__(self):
        self.data = os.environ["HAMANDISHI_PG_DATA"]
        self.pg_ctl = str(Path(os.environ["HAMANDISHI_PG_BINDIR"]) / "pg_ctl")
        owner = os.environ.get("HAMANDISHI_PG_OWNER")
        self.prefix = []
        if owner:
            gid = pwd.getpwnam(owner).pw_gid
            self.prefix = ["setpriv", f"--reuid={owner}", f"--regid={gid}", "--clear-groups", "--"]

    def ctl(self, *args):
        subprocess.run(
            [*self.prefix, self.pg_ctl, "-D", self.data, *args],
            check=True,
            cwd=Path(self.data).parent,
            capture_output=True,
        )

    def stop(self):
        # The server's own command line (port, socket directory, fsync off), to start it the same way.
        words = shlex.split((Path(self.data) / "postmaster.opts").read_text())[1:]
        if "-D" in words:
            at = words.index("-D")
            del words[at : at + 2]
        self.options = shlex.join(words)
        self.ctl("-m", "fast", "-w", "stop")

    def start(self):
        self.ctl("-l", str(Path(self.data).parent / "server.log"), "-o", self.options, "-w", "-t", "60", "start")
