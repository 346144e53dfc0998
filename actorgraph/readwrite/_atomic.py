"""Atomic writes: a reader sees the old file (or folder) or the new one, never a mix.

Files. The data go to a temporary file in the target's folder (same file
system, so the final rename is atomic), are flushed and ``fsync``-ed, and the
temporary file then replaces the target with :func:`os.replace`. If anything
fails on the way (serialisation raising half-way, a full disk, a failed rename)
the temporary file is removed and the old file is left as it was.

Folders (:func:`atomic_write_folder`, the CSV tables). The new files go to a
new hidden folder beside the target, each ``fsync``-ed; the new folder then
takes the old one's place in one step (``renameat2(RENAME_EXCHANGE)`` on Linux,
``renamex_np(RENAME_SWAP)`` on macOS) and the old one is removed. So a reader
of the folder sees every file of one write, never new relations beside old
actors, whatever stops the writer (a kill, a full disk, a power cut after the
``fsync``). Where the system has no exchange, the old folder is first renamed
aside: a writer killed in that instant leaves the target missing (never
mixed), with the old version beside it. A writing process whose working
folder is the target moves into the new folder; other processes working in
it are left in the removed old one.

Targets. A file target must be a regular file (or missing): a FIFO, a device
(``/dev/null``), a socket or a folder is refused, never replaced. A folder
target must be a folder that holds only the files being written (and hidden
files, which are kept): anything else is refused, so that a write cannot
delete what it did not make.

Left-overs. A writer takes a lock on its target (``flock`` on a hidden
``.<name>.lock`` beside it, removed when done), so two writers of one target
take turns; holding it, a writer removes the temporary files and folders that
killed writers of the same target left (``.<name>.<12 hex digits>.tmp`` or
``.old``). The lock and the clean-up are POSIX only.

Permissions: a new file gets ``0o644`` minus the process umask (the kernel
applies the umask when the temporary file is created); an existing file keeps
its mode, a replaced folder its folder's mode. A target that is a symbolic link
is followed: what it points to is replaced and the link stays a link.

Format modules use :func:`atomic_writer` to stream into a file,
:func:`atomic_write_text` / :func:`atomic_write_bytes` when they already hold
the whole content, and :func:`atomic_write_folder` for a folder of files.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import errno
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Collection, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import IO, Any, BinaryIO, Literal, TextIO, overload

from ..exceptions import FormatError

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "aside_copies",
    "atomic_write_bytes",
    "atomic_write_folder",
    "atomic_write_text",
    "atomic_writer",
]

#: Mode of a newly created file, before the umask.
NEW_FILE_MODE = 0o644

StrPath = str | os.PathLike[str]

#: How many characters of the target's name temporary names keep (within NAME_MAX, 255).
_PREFIX = 200


def _stem(target: str) -> tuple[str, str]:
    """The folder of ``target`` and the prefix of its hidden companions (``.name``)."""
    folder, name = os.path.split(target)
    return folder, f".{name[:_PREFIX]}"


def _temp_name(target: str, suffix: str = "tmp") -> str:
    folder, stem = _stem(target)
    return os.path.join(folder, f"{stem}.{secrets.token_hex(6)}.{suffix}")


def _no_folder(folder: str) -> FileNotFoundError:
    return FileNotFoundError(errno.ENOENT, "cannot write: the folder does not exist", folder or ".")


def _create_temp(target: str) -> tuple[int, str]:
    """Create and open a fresh temporary file next to ``target``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = _temp_name(target)
        try:
            return os.open(tmp, flags, NEW_FILE_MODE), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue
        except FileNotFoundError as err:
            raise _no_folder(os.path.dirname(target)) from err
    raise FileExistsError(errno.EEXIST, "no free temporary file name", target)  # pragma: no cover


def _fsync_folder(folder: str) -> None:
    """Make a rename durable (POSIX); best effort, a no-op where unsupported."""
    if os.name != "posix":  # pragma: no cover
        return
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:  # pragma: no cover
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(fd)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"  # pragma: no cover - doors, event ports...


def _file_mode(path: str, target: str) -> int | None:
    """The mode to keep for ``target``: None when it is missing; refused unless a regular file."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        raise FormatError(
            f"cannot write {path!r}: it is {_kind(st.st_mode)}, not a regular file, and a "
            "write replaces the file it is given; give the path of a file (or pass an open "
            "file to write into it)"
        )
    return stat.S_IMODE(st.st_mode)


@contextlib.contextmanager
def _target_lock(target: str) -> Iterator[None]:
    """Hold the lock of ``target`` (POSIX), removing what killed writers of it left."""
    if fcntl is None:  # pragma: no cover - Windows: no lock, no clean-up
        yield
        return
    folder, stem = _stem(target)
    lock = os.path.join(folder, f"{stem}.lock")
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except FileNotFoundError as err:
            raise _no_folder(folder) from err
        except OSError:  # a read-only folder, or a lock we may not open: go without
            yield
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock))
        except FileNotFoundError:  # removed by the writer we waited for
            same = False
        if same:
            break
        os.close(fd)
    try:
        _clean_stale(target)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def _companions(target: str, kinds: str = "tmp|old") -> list[str]:
    """The paths of ``target``'s hidden companions of ``kinds`` (``.name.<hex>.tmp``...)."""
    folder, stem = _stem(target)
    pattern = re.compile(re.escape(stem) + rf"\.[0-9a-f]{{12}}\.(?:{kinds})\Z")
    try:
        names = os.listdir(folder or ".")
    except OSError:  # a folder we may not list
        return []
    return sorted(os.path.join(folder, n) for n in names if pattern.match(n))


def aside_copies(path: StrPath) -> list[str]:
    """The previous versions of the folder ``path`` that a cut-short write left aside.

    A folder write replaces the old folder in two renames where the system has no
    one-step exchange; killed between them, it leaves the old folder as
    ``.name.<hex>.old`` beside the missing one (the next write removes it).
    """
    return _companions(os.path.realpath(path), "old")


def _clean_stale(target: str) -> None:
    """Remove the temporary files and folders of ``target`` (the caller holds its lock)."""
    for path in _companions(target):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(path)


@overload
def atomic_writer(
    path: StrPath, mode: Literal["w"] = ..., *, encoding: str = ..., newline: str | None = ...
) -> AbstractContextManager[TextIO]: ...
@overload
def atomic_writer(
    path: StrPath, mode: Literal["wb"], *, encoding: str = ..., newline: str | None = ...
) -> AbstractContextManager[BinaryIO]: ...
def atomic_writer(
    path: StrPath, mode: str = "w", *, encoding: str = "utf-8", newline: str | None = ""
) -> AbstractContextManager[IO[Any]]:
    """Open ``path`` for writing so that it is replaced atomically when the block ends.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write (an existing file is replaced, a symlink followed).
    mode : {"w", "wb"}
        Text or binary.
    encoding : str
        Text mode only.
    newline : str or None
        Text mode only; the default ``""`` writes ``"\\n"`` unchanged on every
        platform.

    Returns
    -------
    context manager
        It yields the open file. If the ``with`` block raises, nothing is
        changed on disk and the exception propagates.

    Raises
    ------
    FormatError
        When the block starts, if ``path`` is not a regular file (a folder, a FIFO,
        a device such as ``/dev/null``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_writer(p) as fh:
    ...     _ = fh.write("first line\\n")
    >>> p.read_text()
    'first line\\n'
    >>> try:
    ...     with atomic_writer(p) as fh:
    ...         _ = fh.write("half a fi")
    ...         raise RuntimeError("serialisation failed")
    ... except RuntimeError:
    ...     pass
    >>> p.read_text(), sorted(f.name for f in p.parent.iterdir())
    ('first line\\n', ['out.txt'])
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', not {mode!r}")
    if mode == "w":
        codecs.lookup(encoding)  # fail before any file exists
    return _atomic_open(os.fspath(path), mode, encoding, newline)


@contextlib.contextmanager
def _atomic_open(path: str, mode: str, encoding: str, newline: str | None) -> Iterator[IO[Any]]:
    target = os.path.realpath(path)
    keep_mode = _file_mode(path, target)
    with _target_lock(target):
        fd, tmp = _create_temp(target)
        try:
            text = mode == "w"
            with (
                open(fd, "w", encoding=encoding, newline=newline) if text else open(fd, "wb") as fh
            ):
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            if keep_mode is not None:
                os.chmod(tmp, keep_mode)
            _file_mode(path, target)  # it may have become a FIFO meanwhile
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_folder(os.path.dirname(target))


def atomic_write_bytes(path: StrPath, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.bin"
    >>> atomic_write_bytes(p, b"\\x00\\x01")
    >>> p.read_bytes()
    b'\\x00\\x01'
    """
    with atomic_writer(path, "wb") as fh:
        fh.write(data)


def atomic_write_text(path: StrPath, text: str, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically (``"\\n"`` is written as is).

    The text is encoded before anything touches the disk, so an encoding
    error leaves no trace.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.yaml"
    >>> atomic_write_text(p, "name: Hayʼat Tahrir al-Sham\\n")
    >>> p.read_text(encoding="utf-8")
    'name: Hayʼat Tahrir al-Sham\\n'
    """
    atomic_write_bytes(path, text.encode(encoding))


# --------------------------------------------------------------------------
# folders
# --------------------------------------------------------------------------


def _exchange_function() -> Any:
    """The system call that swaps two paths in one step, or None."""
    if sys.platform == "win32":  # pragma: no cover - no such call
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):  # pragma: no cover
        return None
    if sys.platform.startswith("linux"):
        renameat2: Any = getattr(libc, "renameat2", None)
        if renameat2 is None:  # pragma: no cover - glibc before 2.28, musl
            return None
        at_fdcwd, exchange = -100, 2

        def linux(a: bytes, b: bytes) -> int:
            return int(renameat2(at_fdcwd, a, at_fdcwd, b, exchange))

        return linux
    renamex_np: Any = getattr(libc, "renamex_np", None)  # pragma: no cover - macOS
    if renamex_np is None:  # pragma: no cover
        return None
    swap = 0x2  # pragma: no cover

    def darwin(a: bytes, b: bytes) -> int:  # pragma: no cover
        return int(renamex_np(a, b, swap))

    return darwin  # pragma: no cover


_EXCHANGE = _exchange_function()


def _exchange(new: str, target: str) -> bool:
    """Swap the folders ``new`` and ``target`` in one step; False when the system cannot."""
    if _EXCHANGE is None:
        return False
    if _EXCHANGE(os.fsencode(new), os.fsencode(target)) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):  # pragma: no cover
        return False  # the file system cannot (some network and FUSE file systems)
    raise OSError(err, os.strerror(err), target)


def _folder_entries(path: str, target: str, names: set[str]) -> list[str]:
    """The hidden files of the existing folder (kept); refused when it holds anything else."""
    st = os.stat(target)
    if not stat.S_ISDIR(st.st_mode):
        kind = "a regular file" if stat.S_ISREG(st.st_mode) else _kind(st.st_mode)
        raise FormatError(f"cannot write the folder {path!r}: it is {kind}, not a folder")
    keep, foreign = [], []
    for entry in sorted(os.listdir(target)):
        full = os.path.join(target, entry)
        if entry in names and os.path.isfile(full):
            continue
        if entry.startswith(".") and os.path.isfile(full) and not os.path.islink(full):
            if not entry.startswith(".~lock."):  # a spreadsheet's lock of an old file
                keep.append(entry)
            continue
        foreign.append(entry)
    if foreign:
        shown = ", ".join(map(repr, foreign[:5])) + (", ..." if len(foreign) > 5 else "")
        raise FormatError(
            f"cannot write into the folder {path!r}: it holds {shown}, which this write did "
            f"not make (it replaces the folder as a whole, with only {', '.join(sorted(names))}); "
            "give a new or empty folder, or one that holds only these files"
        )
    return keep


def _fill(tmp: str, files: Mapping[str, bytes], old: str | None, keep: list[str]) -> None:
    """Write ``files`` into the new folder ``tmp``, each synced, and link the kept ones."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for name, data in files.items():
        fd = os.open(os.path.join(tmp, name), flags, NEW_FILE_MODE)
        with open(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    for name in keep:
        assert old is not None
        src, dst = os.path.join(old, name), os.path.join(tmp, name)
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    _fsync_folder(tmp)


def atomic_write_folder(
    path: StrPath, files: Mapping[str, bytes], *, replaces: Collection[str] = ()
) -> None:
    """Replace the folder ``path`` with one holding ``files``, as a whole.

    Parameters
    ----------
    path : str or os.PathLike
        The folder (created when missing; its parent must exist). An existing one must
        hold only files named in ``files`` or ``replaces``, and hidden files (which are
        kept).
    files : mapping of str to bytes
        File name (no folder) -> content.
    replaces : collection of str
        Other files the old folder may hold, which the new one drops.

    Raises
    ------
    FormatError
        ``path`` is not a folder, or holds other files or folders.
    FileNotFoundError
        The parent folder does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "tables"
    >>> atomic_write_folder(out, {"a.csv": b"1", "b.csv": b"2"})
    >>> atomic_write_folder(out, {"a.csv": b"3"}, replaces=["b.csv"])
    >>> sorted(p.name for p in out.iterdir()), (out / "a.csv").read_bytes()
    (['a.csv'], b'3')
    >>> sorted(p.name for p in out.parent.iterdir())
    ['tables']
    """
    shown = os.fspath(path)
    target = os.path.realpath(shown)
    for name in files:
        if not name or os.path.basename(name) != name or name in (".", ".."):
            raise ValueError(f"{name!r} is not a plain file name")
    exists = os.path.lexists(target)
    keep = _folder_entries(shown, target, {*files, *replaces}) if exists else []
    with _target_lock(target):
        tmp = _temp_name(target)
        try:
            os.mkdir(tmp)
        except FileNotFoundError as err:
            raise _no_folder(os.path.dirname(target)) from err
        try:
            if exists:
                os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
            _fill(tmp, files, target if exists else None, keep)
            inside = exists and _is_cwd(target)
            _swap(tmp, target, exists)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if inside:  # the process worked in the old folder: move it into the new one
            os.chdir(target)
        _fsync_folder(os.path.dirname(target))
        shutil.rmtree(tmp, ignore_errors=True)  # the old folder, now under the temporary name


def _is_cwd(folder: str) -> bool:
    try:
        return os.path.samestat(os.stat(os.getcwd()), os.stat(folder))
    except OSError:  # pragma: no cover - a working folder that is gone
        return False


def _swap(tmp: str, target: str, exists: bool) -> None:
    """Put the complete folder ``tmp`` in the place of ``target``; the old one ends at ``tmp``."""
    if not exists:
        os.rename(tmp, target)
        return
    if _exchange(tmp, target):
        return
    aside = _temp_name(target, "old")  # systems without an exchange: two renames
    os.rename(target, aside)
    os.rename(tmp, target)
    os.rename(aside, tmp)
