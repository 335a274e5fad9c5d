"""Which HarmTrack processes have a data folder open: advisory locks the OS releases.

Every process that opens a folder holds a *shared* lock on ``harmtrack.lock`` for as
long as its database is open. A change that replaces the database file (encrypt,
decrypt, new passphrase, restore) needs the *exclusive* lock, so it cannot swap the
file under another process, which would go on writing into the deleted old file.

The locks are ``flock`` locks (``LockFileEx`` through ``portalocker`` on Windows, where
``msvcrt`` has no shared mode): the operating system drops them when a process ends in
any way (a crash, SIGKILL, a power cut), so no stale lock is ever left behind.
On POSIX ``fcntl`` is used directly: importing portalocker costs 54–74 ms (it reads
its own package metadata), which the first window would pay. On Linux a failed shared→exclusive
conversion drops the shared lock (measured), so an upgrade first takes the exclusive
``harmtrack-change.lock`` "gate": nobody can take the folder exclusively while the
upgrader briefly holds nothing, and it gets its shared lock back when refused.

The GUI also holds ``harmtrack-window.lock`` exclusively, so a second window on the
same folder notices the first; it then asks it to come to the front by writing
``harmtrack-window.request`` (a file, not a socket: HarmTrack opens no sockets).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from harmtrack.core.common.errors import DatabaseError

log = logging.getLogger(__name__)

LOCK_NAME = "harmtrack.lock"
GATE_NAME = "harmtrack-change.lock"
WINDOW_LOCK_NAME = "harmtrack-window.lock"
RAISE_REQUEST_NAME = "harmtrack-window.request"

#: What a refused change says (the CLI prints it on one line and exits 2).
IN_USE = "HarmTrack is open in another window; close it first"
#: How long opening waits for another process's change (encrypt, restore…) to finish.
SHARED_WAIT_S = 15.0


class FolderInUse(DatabaseError):
    """Another HarmTrack process has the data folder open; nothing was changed."""


def _open_lock_file(path: Path) -> IO[bytes] | None:
    """The lock file opened for locking (created 0600), None when it cannot be."""
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT | nofollow, 0o600), "rb+")
    except OSError:
        pass
    try:  # a read-only folder: an existing lock file still locks when opened to read
        return os.fdopen(os.open(path, os.O_RDONLY | nofollow), "rb")
    except OSError:
        return None


class LockingUnsupported(OSError):
    """The file system cannot lock files (some network shares)."""


def _try(fh: IO[bytes], exclusive: bool) -> bool:
    """Take the lock without waiting; False when another holder conflicts."""
    if os.name == "nt":  # pragma: no cover - Windows
        return _try_windows(fh, exclusive)
    import fcntl

    try:
        fcntl.flock(fh.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:  # ENOLCK, EOPNOTSUPP…
        raise LockingUnsupported(exc.errno, exc.strerror) from exc
    return True


def _unlock(fh: IO[bytes]) -> None:
    with contextlib.suppress(OSError, ValueError):
        if os.name == "nt":  # pragma: no cover - Windows
            import portalocker

            portalocker.unlock(fh)
            return
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _try_windows(fh: IO[bytes], exclusive: bool) -> bool:  # pragma: no cover - Windows
    # msvcrt.locking has no shared mode; portalocker's LockFileEx (pywin32) has.
    import portalocker

    flags = (portalocker.LockFlags.EXCLUSIVE if exclusive else portalocker.LockFlags.SHARED)
    try:
        portalocker.lock(fh, flags | portalocker.LockFlags.NON_BLOCKING)
    except portalocker.exceptions.AlreadyLocked:
        return False
    except portalocker.exceptions.LockException as exc:
        raise LockingUnsupported(str(exc)) from exc
    return True


class FolderLock:
    """This process's hold on a data folder (shared, or exclusive during a change)."""

    def __init__(self, folder: Path, fh: IO[bytes] | None) -> None:
        self.folder = folder
        self._fh = fh
        self.exclusive = False
        #: What opening found and did about an interrupted change (for the user).
        self.recovered: str | None = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def upgrade(self) -> None:
        """Take the folder exclusively; FolderInUse (still shared) when another has it open."""
        if self.exclusive:
            return
        if self._fh is None:
            raise DatabaseError("the data folder cannot be locked (is it read-only?); nothing was changed")
        gate = _open_lock_file(self.folder / GATE_NAME)
        if gate is None:
            raise DatabaseError("the data folder cannot be locked (is it read-only?); nothing was changed")
        try:
            self._take_exclusive(gate)
        finally:
            _unlock(gate)
            gate.close()

    def _take_exclusive(self, gate: IO[bytes]) -> None:
        assert self._fh is not None
        try:
            if not _try(gate, True):
                raise FolderInUse(IN_USE)
            if not _try(self._fh, True):  # never unsupported here: the shared lock worked
                # The failed conversion dropped the shared lock; the gate keeps anyone
                # from taking the folder before it is back.
                if not _try(self._fh, False):  # pragma: no cover - only a foreign locker
                    log.warning("the shared folder lock could not be taken back")
                raise FolderInUse(IN_USE)
        except LockingUnsupported as exc:
            raise DatabaseError("this file system cannot lock files, so HarmTrack cannot make sure "
                                "no other window uses the data; nothing was changed") from exc
        self.exclusive = True

    def downgrade(self) -> None:
        """Back to shared after a change (others may open the folder again)."""
        if self.exclusive and self._fh is not None:
            with contextlib.suppress(OSError):
                _try(self._fh, False)  # exclusive→shared never conflicts
        self.exclusive = False

    @contextlib.contextmanager
    def exclusively(self) -> Iterator[FolderLock]:
        """Hold the folder exclusively for a block (FolderInUse when others have it open)."""
        was = self.exclusive
        self.upgrade()
        try:
            yield self
        finally:
            if not was:
                self.downgrade()

    def release(self) -> None:
        """Let go of the folder (idempotent)."""
        if self._fh is not None:
            _unlock(self._fh)
            self._fh.close()
            self._fh = None
        self.exclusive = False

    def __repr__(self) -> str:
        state = "exclusive" if self.exclusive else ("shared" if self.held else "none")
        return f"FolderLock({self.folder.name!r}, {state})"


def hold(folder: Path, *, exclusive: bool = False, wait_s: float = SHARED_WAIT_S) -> FolderLock:
    """Lock ``folder`` for this process (shared, or exclusive for a change).

    A shared request waits up to ``wait_s`` while another process changes the folder
    (an encryption change takes seconds); an exclusive one is refused at once with
    FolderInUse when any other process has the folder open. A folder where the lock
    file cannot be created (read-only) gives an unheld lock: nothing can change there.
    """
    fh = _open_lock_file(folder / LOCK_NAME)
    if fh is not None:  # made now, so a refused change later writes no file at all
        gate = _open_lock_file(folder / GATE_NAME)
        if gate is not None:
            gate.close()
    lock = FolderLock(folder, fh)
    if fh is None:
        if exclusive:
            raise DatabaseError("the data folder cannot be locked (is it read-only?); nothing was changed")
        return lock
    if exclusive:
        try:
            lock.upgrade()
        except BaseException:
            lock.release()
            raise
        return lock
    deadline = time.monotonic() + wait_s
    while not _try_shared(lock, fh):
        if time.monotonic() >= deadline:
            lock.release()
            raise FolderInUse("HarmTrack is changing this data folder in another window "
                              "(encryption or restore); try again when it is done")
        time.sleep(0.05)
    return lock


def _try_shared(lock: FolderLock, fh: IO[bytes]) -> bool:
    try:
        return _try(fh, False)
    except LockingUnsupported:
        # A file system without locks (some network shares): the folder opens, and a
        # change that replaces the file is refused (``upgrade`` finds no lock).
        log.warning("this file system cannot lock files")
        lock.release()
        return True


# --- one window per folder ----------------------------------------------------------------

class WindowClaim:
    """This process is the folder's one GUI window (held until the process ends)."""

    def __init__(self, folder: Path, fh: IO[bytes]) -> None:
        self.folder = folder
        self._fh = fh
        self.request_path = folder / RAISE_REQUEST_NAME

    def take_raise_request(self) -> bool:
        """True (once) when another start asked this window to come to the front."""
        try:
            self.request_path.unlink()
        except FileNotFoundError:
            return False
        except OSError:
            return False
        return True

    def release(self) -> None:
        if self._fh is not None:
            _unlock(self._fh)
            self._fh.close()
            self._fh = None  # type: ignore[assignment]


def claim_window(folder: Path) -> WindowClaim | None:
    """Become the folder's GUI window; None when another process already is.

    The folder is created (0700) when it does not exist yet: the GUI creates it anyway.
    A folder where no lock file can be written gets a claim without a lock.
    """
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fh = _open_lock_file(folder / WINDOW_LOCK_NAME)
    if fh is None:
        return WindowClaim(folder, None)  # type: ignore[arg-type]
    try:
        taken = _try(fh, True)
    except LockingUnsupported:
        return WindowClaim(folder, None)  # type: ignore[arg-type]
    if not taken:
        fh.close()
        return None
    claim = WindowClaim(folder, fh)
    claim.take_raise_request()  # a request left from before was for a window now gone
    return claim


def request_raise(folder: Path, wait_s: float = 10.0) -> bool:
    """Ask the folder's running window to come to the front; True once it took the request."""
    target = folder / RAISE_REQUEST_NAME
    tmp = folder / (RAISE_REQUEST_NAME + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, f"{os.getpid()}\n".encode())
    finally:
        os.close(fd)
    os.replace(tmp, target)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if not target.exists():
            return True
        time.sleep(0.05)
    return False
