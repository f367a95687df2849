"""`make site` into one folder: one build at a time, and a complete site at every instant, even after a crash.

Also into a folder that is a mount point, whose contents are replaced, and
under SIGTERM and SIGHUP, which stop a build as Ctrl-C does.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from interview_kb.commands import build
from interview_kb.errors import SeedError
from interview_kb.outputs import site_folder
from interview_kb.outputs.search import index
from interview_kb.outputs.site_folder import MARKER

from scripts.tools import builds
from tests.support import ONE_LINE, ROOT, make_seeds, run_build

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)


def test_a_second_build_into_the_same_site_stops_with_one_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from interview_kb.outputs.site_folder import site_lock\n"
            f"with site_lock({str(site)!r}):\n    print('held', flush=True); time.sleep(60)",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = run_build(make_seeds(tmp_path / "seeds"), site)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert ONE_LINE.match(result.stderr), result.stderr
    assert "another build into" in result.stderr
    assert not site.exists()


def test_builds_one_after_another_leave_nothing_beside_the_site(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path / "seeds")
    for _ in range(2):
        assert run_build(seeds, tmp_path / "site").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds", "site"]


def test_a_build_after_a_crash_between_two_renames_restores_the_last_complete_site(tmp_path: Path) -> None:
    """Where no atomic exchange exists, the swap is two renames: killed between them, `site/` is missing."""
    site = tmp_path / "site"
    retired = tmp_path / ".site.old"
    retired.mkdir()
    (retired / "index.html").write_text("last complete site")
    seeds = make_seeds(tmp_path / "seeds")
    (seeds / "demo.txt").write_text("")  # and the next build fails
    result = run_build(seeds, site)
    assert result.returncode == 1
    assert (site / "index.html").read_text() == "last complete site"
    assert not retired.exists()


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic exchange", "two renames"])
def test_swap_without_or_with_the_exchange_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(site_folder, "exchange", lambda a, b: False)
    site, staging = tmp_path / "site", tmp_path / ".site.building-x"
    for folder, text in ((site, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    site_folder.swap(staging, site)
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def old_site(site: Path) -> dict[str, bytes]:
    """A previous site at `site` (marked, with a page the new one does not have); returns its files."""
    site.mkdir(exist_ok=True)
    (site / MARKER).write_text("marker")
    (site / "index.html").write_text("old home")
    (site / "gone.html").write_text("a page the next site does not have")
    (site / "assets").mkdir()
    (site / "assets" / "old.css").write_text("old style")
    return files_of(site)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def busy_for(site: Path, real: Callable[..., object]) -> Callable[..., object]:
    """`real`, except that renaming or exchanging `site` itself fails as on a mount point (EBUSY)."""

    def renaming(first: object, second: object, *rest: object) -> object:
        if site in (Path(str(first)), Path(str(second))):
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(site))
        return real(first, second, *rest)

    return renaming


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic exchange", "two renames"])
def test_a_site_that_cannot_be_renamed_gets_its_contents_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    """A mount point that `is_mount_point` did not see: the rename or the exchange of the folder fails with EBUSY."""
    site, staging = tmp_path / "site", tmp_path / ".site.building-x"
    old_site(site)
    (staging / "assets").mkdir(parents=True)
    (staging / MARKER).write_text("marker")
    (staging / "index.html").write_text("new home")
    (staging / "assets" / "new.css").write_text("new style")
    (staging / "new.html").write_text("a new page")
    monkeypatch.setattr(site_folder, "exchange", busy_for(site, site_folder.exchange if exchange else lambda a, b: False))
    monkeypatch.setattr(os, "rename", busy_for(site, os.rename))
    site_folder.swap(staging, site)
    assert files_of(site) == {MARKER: b"marker", "assets/new.css": b"new style", "index.html": b"new home", "new.html": b"a new page"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.fixture
def mount_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """`tmp_path/site`, which the build takes for a mount point, and whose rename or exchange fails as on one."""
    site = tmp_path / "site"
    ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == site or ismount(path))
    monkeypatch.setattr(site_folder, "exchange", busy_for(site, site_folder.exchange))
    monkeypatch.setattr(os, "rename", busy_for(site, os.rename))
    yield site


def test_a_build_into_a_mount_point_replaces_its_contents_and_leaves_nothing_beside_or_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mount_point: Path
) -> None:
    old_site(mount_point)
    staged: list[Path] = []
    swap_contents = site_folder.swap_contents

    def spy(staging: Path, site: Path) -> None:
        staged.append(staging)
        swap_contents(staging, site)

    monkeypatch.setattr(site_folder, "swap_contents", spy)
    build.build(make_seeds(tmp_path / "seeds"), mount_point)
    assert [folder.parent for folder in staged] == [mount_point]  # built inside the mount point, where renames work
    new = files_of(mount_point)
    assert "kb.json" in new and "pagefind/pagefind-entry.json" in new and b"old home" not in new["index.html"]
    assert "gone.html" not in new and "assets/old.css" not in new
    assert [p.name for p in mount_point.iterdir() if p.name.startswith(".")] == [MARKER]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds", "site"]


def test_a_failed_build_into_a_mount_point_leaves_its_contents(tmp_path: Path, mount_point: Path) -> None:
    before = old_site(mount_point)
    seeds = make_seeds(tmp_path / "seeds")
    (seeds / "demo.txt").write_text("")
    with pytest.raises(SeedError):
        build.build(seeds, mount_point)
    assert files_of(mount_point) == before
    assert sorted(p.name for p in mount_point.iterdir()) == sorted(["assets", "gone.html", "index.html", MARKER])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds", "site"]


def test_what_a_killed_build_left_inside_a_mount_point_is_removed_by_the_next(tmp_path: Path, mount_point: Path) -> None:
    mount_point.mkdir()
    (mount_point / ".site.building-1-abcd" / "assets").mkdir(parents=True)  # a first build into an empty volume, killed
    build.build(make_seeds(tmp_path / "seeds"), mount_point)
    assert [p.name for p in mount_point.iterdir() if p.name.startswith(".")] == [MARKER]


IN_A_MOUNT = """
import json, os, subprocess, sys
from pathlib import Path
from tests.support import run_build
site, seeds = Path(sys.argv[1]), sys.argv[2]
site.mkdir()
if subprocess.run(["mount", "-t", "tmpfs", "kb-test", str(site)], capture_output=True).returncode:
    sys.exit(77)
(site / "index.html").write_text("old home")
(site / ".interview-kb-site").write_text("marker")
for run in ("good", "bad"):
    if run == "bad":
        Path(seeds, "demo.txt").write_text("")
    result = run_build(seeds, site)
    files = {str(p.relative_to(site)): p.read_text("utf-8", "replace") for p in sorted(site.rglob("*")) if p.is_file()}
    print(json.dumps([result.returncode, result.stderr, sorted(os.listdir(site.parent)), files]))
"""


def test_a_build_into_a_real_mount_point(tmp_path: Path) -> None:
    """In a mount namespace of its own, with a tmpfs at `site/` (root, or a user namespace where the system allows one)."""
    unshare = shutil.which("unshare")
    if not unshare:
        pytest.skip("no unshare command")
    namespaces = ["--mount"] if os.geteuid() == 0 else ["--user", "--map-root-user", "--mount"]
    if subprocess.run([unshare, *namespaces, "true"], capture_output=True, check=False).returncode:
        pytest.skip("no mount namespace for this user")
    seeds = make_seeds(tmp_path / "seeds")
    site = tmp_path / "out" / "site"
    site.parent.mkdir()
    result = subprocess.run(
        [unshare, *namespaces, sys.executable, "-c", IN_A_MOUNT, str(site), str(seeds)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if result.returncode == 77:
        pytest.skip("no tmpfs mount in a namespace")
    assert result.returncode == 0, result.stderr
    (code, stderr, beside, built), (failed_code, failed_stderr, failed_beside, after_failure) = map(json.loads, result.stdout.splitlines())
    assert code == 0, stderr
    assert beside == ["site"]
    assert "kb.json" in built and "pagefind/pagefind-entry.json" in built and built["index.html"] != "old home"
    assert not [name for name in built if name.startswith(".") and name != MARKER]
    assert failed_code == 1 and "the transcript is empty" in failed_stderr
    assert failed_beside == ["site"] and after_failure == built


# Stopped by a signal: a build of twenty interviews, stopped while Pagefind indexes them.
DEADLINE = 300  # seconds: a loaded machine with two cores


@pytest.fixture(scope="module")
def twenty_interviews(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("twenty") / "seeds"
    subprocess.run([sys.executable, "-m", "scripts.tools.synthetic", "20", str(seeds)], cwd=ROOT, check=True, capture_output=True)
    return seeds


def processes() -> dict[int, tuple[int, str, bytes]]:
    """Every process: pid → (parent pid, state, command line)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            found[int(stat.parent.name)] = (int(fields[1]), fields[0], (stat.parent / "cmdline").read_bytes())
        except (OSError, ValueError, IndexError):
            continue
    return found


def descendants(pid: int) -> dict[int, bytes]:
    """The running descendants of `pid`, with their command lines."""
    table = processes()
    found: dict[int, bytes] = {}
    parents = {pid}
    while True:
        more = {child: line for child, (parent, state, line) in table.items() if parent in parents and child not in found and state != "Z"}
        if not more:
            return found
        found.update(more)
        parents = set(more)


def wait_for(condition: Callable[[], object], what: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the build ended before {what}: {process.returncode} {process.communicate()[1]}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} after {DEADLINE} s")
        time.sleep(0.02)


def record_folders(pid: int) -> list[Path]:
    return [p for folder in {index.SHARED_MEMORY, Path(tempfile.gettempdir())} for p in folder.glob(f"kb-search-{pid}-*")]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the processes in /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_build_stopped_by_a_signal_cleans_up_and_leaves_the_previous_site(tmp_path: Path, twenty_interviews: Path, stop: int) -> None:
    site = tmp_path / "site"
    before = old_site(site)
    command = builds.process("interview_kb", "build", "--seeds", str(twenty_interviews), "--site", str(site), env={"KB_STRICT": "false"})
    process = subprocess.Popen(**command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        # Pagefind is indexing the records (npm's launcher, then Pagefind itself, are its children).
        wait_for(lambda: any(b"pagefind" in line for line in descendants(process.pid).values()), "Pagefind process", process)
        assert list(tmp_path.glob(".site.building-*")) and (tmp_path / ".site.lock").exists()
        children = descendants(process.pid)
        process.send_signal(stop)
        _, stderr = process.communicate(timeout=DEADLINE)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    name = signal.Signals(stop).name
    assert process.returncode == 128 + stop, stderr
    assert stderr == f"{site}:1: the build was stopped ({name}); the previous site is unchanged — build again\n"
    assert not record_folders(process.pid)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no lock, no staging folder
    assert files_of(site) == before
    table = processes()
    alive = [pid for pid in children if pid in table and table[pid][1] != "Z" and table[pid][2] == children[pid]]
    alive += [pid for pid, (_, state, line) in table.items() if state != "Z" and str(tmp_path).encode() in line]
    assert not alive, [table[pid][2] for pid in alive]


def test_a_later_build_removes_what_dead_builds_left_and_takes_over_their_lock(tmp_path: Path) -> None:
    """A build killed with SIGKILL cleans nothing: its record folder and lock file stay, its flock is released by the system."""
    dead = subprocess.Popen([sys.executable, "-c", ""])
    dead.wait()
    scratch = index.SHARED_MEMORY if index.SHARED_MEMORY.is_dir() else Path(tempfile.gettempdir())
    left = scratch / f"kb-search-{dead.pid}-test{os.getpid()}"
    alive = scratch / f"kb-search-{os.getpid()}-test"  # this test's own process: a running build's
    for folder in (left, alive):
        (folder / "records-0").mkdir(parents=True)
    try:
        site = tmp_path / "site"
        (tmp_path / ".site.lock").write_text(f"{dead.pid}\n")
        result = run_build(make_seeds(tmp_path / "seeds"), site)
        assert result.returncode == 0, result.stderr
        assert result.stderr == f"{site}:1: note: took over the lock of build {dead.pid}, which is no longer running\n"
        assert not left.exists() and alive.exists()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds", "site"]
    finally:
        shutil.rmtree(left, ignore_errors=True)
        shutil.rmtree(alive, ignore_errors=True)


def test_a_lock_file_without_a_holder_is_taken_over_quietly_and_holds_the_holders_pid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty lock file is one another build has just made: no note."""
    (tmp_path / ".site.lock").write_text("")
    with site_folder.site_lock(tmp_path / "site"):
        assert (tmp_path / ".site.lock").read_text() == f"{os.getpid()}\n"
    assert capsys.readouterr().err == ""
    assert not (tmp_path / ".site.lock").exists()
