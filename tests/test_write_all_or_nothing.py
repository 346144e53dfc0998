"""Writes are all or nothing, folders included: a reader sees one whole version, always.

Kill tests: a child process (forked) writes the CSV folder and is killed (SIGKILL, no
clean-up of any kind) at its k-th file-system step, for every k; the folder then reads back
as exactly the old graph or exactly the new one, and the next write removes what
the killed one left.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from actorgraph.exceptions import FormatError
from actorgraph.graph import ActorGraph
from actorgraph.readwrite import _atomic, write
from actorgraph.readwrite.document import read_yaml, write_yaml
from actorgraph.readwrite.tables import read_csv, write_csv

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX signals, FIFOs and locks")


def version(n: int) -> ActorGraph:
    """Graph number ``n``: every table differs from the other versions'."""
    G = ActorGraph(f"version {n}")
    for i in range(3):
        G.add_actor(f"v{n}a{i}", name=f"Actor {i} of version {n}")
    G.add_relation(f"v{n}a0", "attacks", f"v{n}a1", start=f"20{10 + n}")
    G.add_relation(f"v{n}a1", "supports", f"v{n}a2", confidence=n / 10)
    return G


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


STEPS = [
    (os, n) for n in ("open", "mkdir", "fsync", "rename", "replace", "link", "chmod", "unlink")
]
STEPS += [(shutil, "rmtree"), (_atomic, "_exchange")]


def write_killed_at(folder: Path, k: int, exchange: bool) -> int:
    """Write version 2 in a child process that SIGKILLs itself at its k-th step; its status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test
        try:
            calls = [0]
            if not exchange:  # as on a system that cannot swap two folders in one step
                _atomic._EXCHANGE = None

            def counted(real: Any) -> Any:
                def step(*args: Any, **kwargs: Any) -> Any:
                    calls[0] += 1
                    if calls[0] == k:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return real(*args, **kwargs)

                return step

            for module, name in STEPS:
                setattr(module, name, counted(getattr(module, name)))
            write_csv(version(2), folder)
            os._exit(0)
        finally:
            os._exit(1)
    return os.waitpid(pid, 0)[1]


@posix
@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_writer_killed_at_any_step_leaves_one_whole_version(
    tmp_path: Path, exchange: bool
) -> None:
    """With the one-step exchange: the old or the new version. Without: or none, never a mix."""
    folder = tmp_path / "tables"
    old, new = version(1), version(2)
    k, kills, missing = 0, 0, 0
    while True:
        k += 1
        write_csv(old, folder)
        status = write_killed_at(folder, k, exchange)
        if not exchange and not folder.exists():  # killed between the two renames
            with pytest.raises(FileNotFoundError, match=r"interrupted.*previous version is in"):
                read_csv(folder)
            missing += 1
            continue
        got = read_csv(folder)
        if os.WIFEXITED(status):
            assert os.WEXITSTATUS(status) == 0
            assert got == new
            break
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        kills += 1
        assert got in (old, new), f"killed at step {k}: a mix of two versions"
        assert k < 200
    assert missing == (0 if exchange else 1)  # between the two renames
    assert kills >= 8  # the write has that many steps to be killed at
    # what the killed writers left beside the folder is gone after the next write
    write_csv(old, folder)
    assert listing(tmp_path) == ["tables"]
    assert listing(folder) == ["actors.csv", "graph.csv", "relations.csv"]
    assert read_csv(folder) == old


@posix
def test_a_reader_never_sees_a_mix_while_writers_run(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    versions = [version(1), version(2)]
    write_csv(versions[0], folder)
    stop = threading.Event()
    seen: list[str] = []

    def read_all_the_time() -> None:
        while not stop.is_set():
            G = read_csv(folder)
            assert G in versions
            seen.append(G.name or "")

    reader = threading.Thread(target=read_all_the_time)
    reader.start()
    try:
        for i in range(60):
            write_csv(versions[i % 2], folder)
    finally:
        stop.set()
        reader.join()
    assert seen and set(seen) <= {"version 1", "version 2"}


def test_a_full_disk_leaves_the_old_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "tables"
    write_csv(version(1), folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real, calls = os.fsync, [0]

    def fsync(fd: int) -> None:
        calls[0] += 1
        if calls[0] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError, match="No space"):
        write_csv(version(2), folder)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert listing(tmp_path) == ["tables"]


def test_a_folder_holding_other_files_is_refused_untouched(tmp_path: Path) -> None:
    (tmp_path / "thesis.docx").write_bytes(b"years of work")
    (tmp_path / "data").mkdir()
    with pytest.raises(FormatError, match=r"holds 'data', 'thesis.docx'.*new or empty folder"):
        write_csv(version(1), tmp_path)
    with pytest.raises(FormatError, match=r"thesis\.docx"):
        write_csv(version(1), tmp_path / "actors.csv")  # actors.csv stands for its folder
    assert listing(tmp_path) == ["data", "thesis.docx"]
    (tmp_path / "file").write_text("x")
    with pytest.raises(FormatError, match="it is a regular file, not a folder"):
        write_csv(version(1), tmp_path / "file")


def test_hidden_files_of_a_table_folder_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    write_csv(version(1), folder)
    (folder / ".notes").write_text("kept", encoding="utf-8")
    (folder / ".~lock.actors.csv#").write_text("a spreadsheet's lock", encoding="utf-8")
    write_csv(version(2), folder)
    assert listing(folder) == [".notes", "actors.csv", "graph.csv", "relations.csv"]
    assert (folder / ".notes").read_text(encoding="utf-8") == "kept"
    assert read_csv(folder) == version(2)


@posix
def test_a_replaced_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    write_csv(version(1), folder)
    folder.chmod(0o750)
    write_csv(version(2), folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750


@posix
def test_a_symlink_to_a_table_folder_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    write_csv(version(1), real)
    (tmp_path / "link").symlink_to(real)
    write_csv(version(2), tmp_path / "link")
    assert (tmp_path / "link").is_symlink()
    assert read_csv(real) == version(2)


@posix
@pytest.mark.parametrize("writer", ["yaml", "csv.zip", "graphml", "dot"])
def test_a_fifo_is_refused_never_replaced(tmp_path: Path, writer: str) -> None:
    fifo = tmp_path / f"pipe.{writer}"
    os.mkfifo(fifo)
    with pytest.raises(FormatError, match=r"a FIFO \(named pipe\), not a regular file"):
        write(version(1), fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert listing(tmp_path) == [fifo.name]


@posix
def test_a_device_is_refused_never_replaced(tmp_path: Path) -> None:
    null = Path(os.devnull)
    before = os.stat(null)
    with pytest.raises(FormatError, match="a character device"):
        write_yaml(version(1), null)
    link = tmp_path / "g.yaml"
    link.symlink_to(null)
    with pytest.raises(FormatError, match="a character device"):
        write_yaml(version(1), link)
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_folder_is_refused_as_a_file(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").mkdir()
    with pytest.raises(FormatError, match="it is a folder, not a regular file"):
        write_yaml(version(1), tmp_path / "g.yaml")


@posix
def test_a_later_write_removes_what_killed_writers_of_its_target_left(tmp_path: Path) -> None:
    stale_file = tmp_path / ".g.yaml.0123456789ab.tmp"
    stale_file.write_text("half a fi", encoding="utf-8")
    stale_dir = tmp_path / ".tables.abcdef012345.tmp"
    stale_dir.mkdir()
    (stale_dir / "actors.csv").write_text("id\n", encoding="utf-8")
    old_dir = tmp_path / ".tables.abcdef012345.old"
    old_dir.mkdir()
    others = [tmp_path / ".other.yaml.0123456789ab.tmp", tmp_path / ".g.yaml.notmine.tmp"]
    for p in others:
        p.write_text("not this target's", encoding="utf-8")
    write_yaml(version(1), tmp_path / "g.yaml")
    assert not stale_file.exists()
    assert stale_dir.exists()  # another target's left-overs are left alone
    write_csv(version(1), tmp_path / "tables")
    assert not stale_dir.exists() and not old_dir.exists()
    assert all(p.exists() for p in others)
    assert sorted(listing(tmp_path)) == sorted(["g.yaml", "tables", *(p.name for p in others)])


@posix
def test_a_write_waits_for_the_writer_holding_the_lock(tmp_path: Path) -> None:
    target = tmp_path / "g.yaml"
    order: list[str] = []
    with _atomic.atomic_writer(target) as fh:
        fh.write("actorgraph: 1\n")
        t = threading.Thread(target=lambda: (write_yaml(version(1), target), order.append("2")))
        t.start()
        t.join(0.3)
        assert t.is_alive()  # waiting for the lock, and not touching the file
        order.append("1")
    t.join()
    assert order == ["1", "2"]
    assert read_yaml(target) == version(1)
    assert listing(tmp_path) == ["g.yaml"]


@posix
def test_writing_the_working_folder_keeps_working_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tables"
    write_csv(version(1), folder)
    monkeypatch.chdir(folder)
    write_csv(version(2), ".")
    assert os.path.samefile(os.getcwd(), folder)
    assert read_csv(".") == version(2)
