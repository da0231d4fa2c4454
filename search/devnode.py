"""A real, throwaway OpenSearch node on 127.0.0.1, for the tests and the benchmarks.

Built from Maven Central only: OpenSearch's integ-test distribution (no bundled JDK, the system
Java 17 runs it) plus the official ``analysis-common`` module, which that distribution leaves out
and which holds the tokenizers and filters the Persian index settings use. Downloads are checked
against Maven Central's SHA-1 and kept, with the assembled node, in ``.cache/searchnode/``.

OpenSearch refuses to run as root; as root the node runs as ``nobody`` (``setpriv``), so its data
directory lives under the system temp dir, not under a home directory ``nobody`` cannot enter.
"""

import hashlib
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
import zipfile

VERSION = os.environ.get("SEARCHNODE_VERSION", "2.19.6")
MAVEN = "https://repo1.maven.org/maven2"
DISTRIBUTION = ("org.opensearch.distribution.integ-test-zip", "opensearch", "zip")
ANALYSIS = ("org.opensearch.plugin", "analysis-common", "jar")
CACHE = Path(os.environ.get("SEARCHNODE_CACHE", Path(__file__).resolve().parent.parent / ".cache" / "searchnode"))
NOBODY = 65534
DESCRIPTOR = """description=Analyzers and token filters (added to the integ-test distribution)
version={version}
name=analysis-common
classname=org.opensearch.analysis.common.CommonAnalysisPlugin
java.version=11
opensearch.version={version}
extended.plugins=
has.native.controller=false
"""
JVM_OPTIONS = """-Xms256m
-Xmx512m
-XX:+UseSerialGC
-XX:TieredStopAtLevel=1
-Xss1m
-Djava.io.tmpdir=${{OPENSEARCH_TMPDIR}}
-XX:-HeapDumpOnOutOfMemoryError
-XX:ErrorFile={logs}/hs_err_pid%p.log
18-:-Djava.security.manager=allow
-Djava.util.concurrent.ForkJoinPool.common.threadFactory=org.opensearch.secure_sm.SecuredForkJoinWorkerThreadFactory
"""


class NodeError(RuntimeError):
    pass


def _download(group, artifact, packaging, version=VERSION):
    target = CACHE / "downloads" / f"{artifact}-{version}.{packaging}"
    if target.exists():
        return target
    url = f"{MAVEN}/{group.replace('.', '/')}/{artifact}/{version}/{artifact}-{version}.{packaging}"
    target.parent.mkdir(parents=True, exist_ok=True)
    with urllib.request.urlopen(url + ".sha1", timeout=60) as response:  # noqa: S310 - a fixed https URL
        expected = response.read().decode().split()[0]
    partial = target.with_suffix(".part")
    digest = hashlib.sha1()  # noqa: S324 - Maven Central publishes SHA-1 checksums
    with urllib.request.urlopen(url, timeout=300) as response, partial.open("wb") as out:  # noqa: S310
        while chunk := response.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != expected:
        partial.unlink()
        raise NodeError(f"{url}: checksum mismatch")
    partial.rename(target)
    return target


def distribution(version=VERSION):
    """The assembled node home (downloaded and assembled once)."""
    home = CACHE / f"opensearch-{version}"
    if (home / "bin" / "opensearch").exists():
        return home
    archive = _download(*DISTRIBUTION, version=version)
    module_jar = _download(*ANALYSIS, version=version)
    staging = Path(tempfile.mkdtemp(prefix="assemble-", dir=CACHE))
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(staging)
    built = staging / f"opensearch-{version}"
    module = built / "modules" / "analysis-common"
    module.mkdir(parents=True)
    shutil.copy(module_jar, module / module_jar.name)
    (module / "plugin-descriptor.properties").write_text(DESCRIPTOR.format(version=version))
    for path in built.rglob("*"):  # zip entries lose their modes; the node runs as another user
        path.chmod(0o755 if path.is_dir() or path.parent.name == "bin" else 0o644)
    built.chmod(0o755)
    shutil.rmtree(home, ignore_errors=True)
    built.rename(home)
    shutil.rmtree(staging)
    return home


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

    def __init__(self, data_dir=None, port=None):
        self.home = distribution()
        self.dir = Path(data_dir or tempfile.mkdtemp(prefix="hamandishi-searchnode-"))
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def _configure(self):
        config, logs = self.dir / "config", self.dir / "logs"
        for sub in (config / "jvm.options.d", self.dir / "data", logs, self.dir / "tmp"):
            sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.home / "config" / "log4j2.properties", config)
        (config / "jvm.options").write_text(JVM_OPTIONS.format(logs=logs))
        (config / "opensearch.yml").write_text(
            f"cluster.name: hamandishi-test-{self.port}\n"
            f"node.name: node-{self.port}\n"
            f"path.data: {self.dir / 'data'}\n"
            f"path.logs: {logs}\n"
            "network.host: 127.0.0.1\n"
            f"http.port: {self.port}\n"
            "transport.port: 0\n"
            "discovery.type: single-node\n"
            "cluster.routing.allocation.disk.threshold_enabled: false\n"
            "action.destructive_requires_name: false\n"
        )
        if os.geteuid() == 0:
            os.chown(self.dir, NOBODY, NOBODY)
            for path in self.dir.rglob("*"):
                os.chown(path, NOBODY, NOBODY)

    def start(self, timeout=120):
        if _answers(self.url, "/"):
            raise NodeError(f"port {self.port} is already in use")
        self._configure()
        java_home = os.environ.get("JAVA_HOME") or str(Path(os.path.realpath(shutil.which("java"))).parent.parent)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.dir),
            "JAVA_HOME": java_home,
            "OPENSEARCH_JAVA_HOME": java_home,
            "OPENSEARCH_PATH_CONF": str(self.dir / "config"),
            "OPENSEARCH_TMPDIR": str(self.dir / "tmp"),
        }
        # --pdeathsig: the node goes when the process that started it goes, even if that one is killed
        command = ["setpriv", "--pdeathsig", "TERM", str(self.home / "bin" / "opensearch")]
        if os.geteuid() == 0:
            command[1:1] = [f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        log = (self.dir / "logs" / "stdout.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own assembled binary
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while not _answers(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                tail = (self.dir / "logs" / "stdout.log").read_text(errors="replace")[-3000:]
                raise NodeError(f"search node did not come up on {self.url}:\n{tail}")
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

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
