"""Atomic file writes: a reader sees the old file or the new one, never half of one.

The data go to a temporary file in the target's folder (same file system, so
the final rename is atomic), are flushed and ``fsync``-ed, and the temporary
file then replaces the target with :func:`os.replace`. If anything fails on the
way (serialisation raising half-way, a full disk, a failed rename) the
temporary file is removed and the old file is left as it was.

Permissions: a new file gets ``0o644`` minus the process umask (the kernel
applies the umask when the temporary file is created); an existing file keeps
its mode. A target that is a symbolic link is followed: the file it points to
is replaced and the link stays a link.

Format modules use :func:`atomic_writer` to stream into a file, or
:func:`atomic_write_text` / :func:`atomic_write_bytes` when they already hold
the whole content.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import IO, Any, BinaryIO, Literal, TextIO, overload

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_writer"]

#: Mode of a newly created file, before the umask.
NEW_FILE_MODE = 0o644

StrPath = str | os.PathLike[str]


def _create_temp(target: str) -> tuple[int, str]:
    """Create and open a fresh temporary file next to ``target``."""
    folder, name = os.path.split(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        # a prefix of the name keeps the temporary name within NAME_MAX (255)
        tmp = os.path.join(folder, f".{name[:200]}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, NEW_FILE_MODE), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue
        except FileNotFoundError as err:
            raise FileNotFoundError(
                errno.ENOENT, "cannot write: the folder does not exist", folder or "."
            ) from err
    raise FileExistsError(errno.EEXIST, "no free temporary file name", target)  # pragma: no cover


def _fsync_folder(folder: str) -> None:
    """Make the rename durable (POSIX); best effort, a no-op where unsupported."""
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
    try:
        keep_mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        keep_mode = None
    fd, tmp = _create_temp(target)
    try:
        text = mode == "w"
        with open(fd, "w", encoding=encoding, newline=newline) if text else open(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if keep_mode is not None:
            os.chmod(tmp, keep_mode)
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
