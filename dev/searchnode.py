"""Real, throwaway search nodes on 127.0.0.1, for the tests and the benchmarks: OpenSearch and
Elasticsearch.

Built from Maven Central only: each engine's integ-test distribution, which bundles no JDK and leaves
out the ``analysis-common`` module; the index settings need nothing from it (``search.backends.
elasticsearch``), so the nodes run as downloaded. Every download is checked against the SHA-1 pinned
here and against Maven Central's own ``.sha1`` where it publishes one, and kept, with the unpacked
node, in ``.cache/searchnode/``.

- ``opensearch``: OpenSearch 2.19.6 on the system Java 17.
- ``elasticsearch8``: Elasticsearch 8.19.21 on the system Java 17, security off.
- ``elasticsearch9``: Elasticsearch 9.5.3, security off; it needs Java 21 or later, taken from
  ``JAVA_HOME``, the system ``java`` or a JDK under ``/usr/lib/jvm`` (a second, Temurin 25 JDK on
  these machines); ``NoJava`` where there is none.

Neither engine runs as root; as root the node runs as ``nobody`` (``setpriv``), so its data directory
lives under the system temp dir, not under a home directory ``nobody`` cannot enter.
"""

from dataclasses import dataclass
import hashlib
import os
from pathlib import Path
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import zipfile

MAVEN = "https://repo1.maven.org/maven2"
CACHE = Path(os.environ.get("SEARCHNODE_CACHE", Path(__file__).resolve().parent.parent / ".cache" / "searchnode"))
NOBODY = 65534
JVM_DIRS = ("/usr/lib/jvm", "/opt")


@dataclass(frozen=True)
class Distribution:
    name: str  # what the tests call it
    engine: str  # the SEARCH_ENGINE it is searched with
    product: str  # "opensearch" or "elasticsearch": its binary, its settings file, its environment
    group: str
    version: str
    sha1: str  # pinned: Maven Central publishes no .sha1 for every version these machines can fetch
    java: int  # the oldest Java it runs on
    settings: str = ""

    @property
    def env_prefix(self):
        return "OPENSEARCH" if self.product == "opensearch" else "ES"


DISTRIBUTIONS = {
    d.name: d
    for d in (
        Distribution(
            "opensearch",
            "opensearch2",
            "opensearch",
            "org.opensearch.distribution.integ-test-zip",
            "2.19.6",
            "8e071b0fee7911b226f68bdead8946002e6b6e36",
            java=11,
        ),
        Distribution(
            "elasticsearch8",
            "elasticsearch8",
            "elasticsearch",
            "org.elasticsearch.distribution.integ-test-zip",
            "8.19.21",
            "8861771bbfe2fab12ccc386bc8b4c5c6f9619865",
            java=17,
            settings="xpack.security.enabled: false\n",
        ),
        Distribution(
            "elasticsearch9",
            "elasticsearch9",
            "elasticsearch",
            "org.elasticsearch.distribution.integ-test-zip",
            "9.5.3",
            "b68fd022c00824b5406b0ed2df50b2bdb9e9bd0f",
            java=21,
            settings="xpack.security.enabled: false\n",
        ),
    )
}
# The heap and the quickest JIT for a small test node; the distribution's own options otherwise, less
# those these replace (G1, heap dumps, GC logs in the working directory).
JVM_OPTIONS = """-Xms256m
-Xmx512m
-XX:+UseSerialGC
-XX:TieredStopAtLevel=1
-Xss1m
-XX:-HeapDumpOnOutOfMemoryError
-XX:ErrorFile={logs}/hs_err_pid%p.log
"""
REPLACED_OPTIONS = re.compile(r"-Xm[sx]|GC\b|G1|CMS|InitiatingHeap|HeapDump|ErrorFile|-Xlog|Xloggc|PrintGC|GCLog")


class NodeError(RuntimeError):
    pass


class NoJava(NodeError):
    """No JDK on this machine is recent enough for the distribution."""


def _sha1(path):
    digest = hashlib.sha1()  # noqa: S324 - Maven Central publishes SHA-1 checksums
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _maven_sha1(url):
    try:
        with urllib.request.urlopen(url + ".sha1", timeout=60) as response:  # noqa: S310 - a fixed https URL
            return response.read().decode().split()[0]
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None  # not published for this version: the pinned SHA-1 alone decides
        raise


def _download(dist):
    target = CACHE / "downloads" / f"{dist.product}-{dist.version}.zip"
    artifact_path = f"{dist.group.replace('.', '/')}/{dist.product}/{dist.version}/{dist.product}-{dist.version}.zip"
    url = f"{MAVEN}/{artifact_path}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        published = _maven_sha1(url)
        if published and published != dist.sha1:
            raise NodeError(f"{url}: Maven Central's SHA-1 {published} is not the pinned {dist.sha1}")
        partial = target.parent / f"{target.name}.{os.getpid()}.part"
        with urllib.request.urlopen(url, timeout=300) as response, partial.open("wb") as out:  # noqa: S310
            shutil.copyfileobj(response, out, 1 << 20)
        partial.rename(target)
    if _sha1(target) != dist.sha1:
        target.unlink()
        raise NodeError(f"{url}: checksum mismatch (expected SHA-1 {dist.sha1})")
    return target


def distribution(name="opensearch"):
    """The unpacked node home of ``name`` (downloaded and unpacked once)."""
    dist = DISTRIBUTIONS[name]
    home = CACHE / f"{dist.product}-{dist.version}-integ-test"
    if (home / "bin" / dist.product).exists():
        return home
    archive = _download(dist)
    staging = Path(tempfile.mkdtemp(prefix="assemble-", dir=CACHE))
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(staging)
    built = staging / f"{dist.product}-{dist.version}"
    for path in built.rglob("*"):  # zip entries lose their modes; the node runs as another user
        path.chmod(0o755 if path.is_dir() or path.parent.name in ("bin", "native") else 0o644)
    built.chmod(0o755)
    shutil.rmtree(home, ignore_errors=True)
    built.rename(home)
    shutil.rmtree(staging)
    return home


def _java_major(home):
    release = Path(home) / "release"
    if not (Path(home) / "bin" / "java").exists() or not release.exists():
        return 0
    found = re.search(r'^JAVA_VERSION="(\d+)', release.read_text(errors="replace"), re.MULTILINE)
    return int(found.group(1)) if found else 0


def java_home(minimum):
    """``JAVA_HOME`` or the system ``java`` when recent enough, else the newest JDK found beside it."""
    preferred = [os.environ.get("JAVA_HOME")]
    if shutil.which("java"):
        preferred.append(str(Path(os.path.realpath(shutil.which("java"))).parent.parent))
    for home in filter(None, preferred):
        if _java_major(home) >= minimum:
            return home
    others = [str(p) for root in JVM_DIRS if Path(root).is_dir() for p in Path(root).iterdir()]
    newest = max(others, key=_java_major, default=None)
    if newest and _java_major(newest) >= minimum:
        return newest
    raise NoJava(f"no Java {minimum} or later (JAVA_HOME, the system java, {' or '.join(JVM_DIRS)})")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url, path="/_cluster/health?wait_for_status=yellow&timeout=1s"):
    try:
        with urllib.request.urlopen(url + path, timeout=3):  # noqa: S310 - loopback
            return True
    except OSError:
        return False


class Node:
    """One node: ``start()``, ``stop()``, ``start()`` again keeps its data (a cluster coming back)."""

    def __init__(self, name="opensearch", data_dir=None, port=None):
        self.distribution = DISTRIBUTIONS[name]
        self.java_home = java_home(self.distribution.java)
        self.home = distribution(name)
        self.dir = Path(data_dir or tempfile.mkdtemp(prefix=f"hamandishi-{name}-"))
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    @property
    def engine(self):
        return self.distribution.engine

    def _configure(self):
        dist, config, logs = self.distribution, self.dir / "config", self.dir / "logs"
        for sub in (config / "jvm.options.d", self.dir / "data", logs, self.dir / "tmp"):
            sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.home / "config" / "log4j2.properties", config)
        shipped = (self.home / "config" / "jvm.options").read_text().splitlines()
        kept = [line for line in shipped if line.strip() and not line.startswith("#")]
        kept = [line for line in kept if not REPLACED_OPTIONS.search(line)]
        (config / "jvm.options").write_text(JVM_OPTIONS.format(logs=logs) + "\n".join(kept) + "\n")
        (config / f"{dist.product}.yml").write_text(
            f"cluster.name: hamandishi-test-{self.port}\n"
            f"node.name: node-{self.port}\n"
            f"path.data: {self.dir / 'data'}\n"
            f"path.logs: {logs}\n"
            "network.host: 127.0.0.1\n"
            f"http.port: {self.port}\n"
            "transport.port: 0\n"
            "discovery.type: single-node\n"
            "cluster.routing.allocation.disk.threshold_enabled: false\n"
            "action.destructive_requires_name: false\n" + dist.settings
        )
        if os.geteuid() == 0:
            os.chown(self.dir, NOBODY, NOBODY)
            for path in self.dir.rglob("*"):
                os.chown(path, NOBODY, NOBODY)

    def start(self, timeout=180):
        if _answers(self.url, "/"):
            raise NodeError(f"port {self.port} is already in use")
        self._configure()
        prefix = self.distribution.env_prefix
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.dir),
            "JAVA_HOME": self.java_home,
            f"{prefix}_JAVA_HOME": self.java_home,
            f"{prefix}_PATH_CONF": str(self.dir / "config"),
            f"{prefix}_TMPDIR": str(self.dir / "tmp"),
        }
        # --pdeathsig: the node goes when the process that started it goes, even if that one is killed
        command = ["setpriv", "--pdeathsig", "TERM", str(self.home / "bin" / self.distribution.product)]
        if os.geteuid() == 0:
            command[1:1] = [f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        log = (self.dir / "logs" / "stdout.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own unpacked binary
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while not _answers(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                tail = (self.dir / "logs" / "stdout.log").read_text(errors="replace")[-3000:]
                raise NodeError(f"{self.distribution.name} node did not come up on {self.url}:\n{tail}")
            time.sleep(0.3)
        return self

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def kill(self):
        """SIGKILL, as a crash or the OOM killer would: nothing is flushed or closed."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
