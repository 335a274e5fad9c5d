"""Change files: each device's assignments, sealed (``privacy.sealed``), in
``SYNC_FOLDER/<device-id>/<seq:010d>-<hash>.htsync`` (SYNC_DESIGN.md).

A file is immutable once written: it appears whole (written to a temporary name in the same
folder, fsynced, renamed), is never changed, and its name carries the number and a hash of
its plaintext, so the same assignments always give the same name and reading it again is a
no-op. A file that cannot be opened or does not check out raises one error naming the file
and yields nothing: a change file is applied whole or not at all.

Plaintext (canonical JSON: sorted keys, no spaces): ``{"format": 1, "device": …, "seq": …,
"rows": [[table, uuid, clock, base, device, [[field, value], …]], …]}``, the assignments
sorted and grouped by what they share (a row's fields edited together share one clock).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.privacy.sealed import SealError, open_bytes, seal_bytes
from harmtrack.core.storage.private_files import make_private, private_folder, private_open
from harmtrack.core.sync.clock import CLOCK_PATTERN, DEVICE_PATTERN
from harmtrack.core.sync.merge import value_json
from harmtrack.core.sync.records import DELETED, Assignment
from harmtrack.core.sync.tables import BY_NAME

PURPOSE = b"harmtrack-sync-changes"
FORMAT = 1
SUFFIX = ".htsync"
NAME_PATTERN = re.compile(r"^(\d{10})-([0-9a-f]{16})\.htsync$")
UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class ChangeFile(NamedTuple):
    device: str
    name: str
    path: Path


def canonical(doc: Any) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def encode(device: str, seq: int, assignments: Sequence[Assignment]) -> bytes:
    """The plaintext of a change file (the same for the same assignments in any order)."""
    ordered = sorted({(a.table, a.uuid, a.clock, a.base, a.device, a.field, value_json(a.value)): a
                      for a in assignments}.items())
    rows = []
    for (table, uuid, clock, base, dev), group in groupby(ordered, key=lambda item: item[0][:5]):
        rows.append([table, uuid, clock, base, dev, [[a.field, a.value] for _key, a in group]])
    return canonical({"format": FORMAT, "device": device, "seq": seq, "rows": rows})


def file_name(seq: int, plaintext: bytes) -> str:
    return f"{seq:010d}-{hashlib.sha256(plaintext).hexdigest()[:16]}{SUFFIX}"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it appears whole or not at all (0600)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        with private_open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    sync_folder_entry(path.parent)


def sync_folder_entry(folder: Path) -> None:
    """Make the rename itself durable (POSIX: fsync the folder; elsewhere nothing to do)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def device_folder(folder: Path, device: str) -> Path:
    """``folder/<device>``, made private (0700) and created if missing."""
    if not DEVICE_PATTERN.match(device):
        raise InvalidEntry("not a sync device id")
    own = folder / device
    private_folder(own)
    make_private(own)
    return own


def write_change_file(folder: Path, device: str, seq: int, key: bytes,
                      assignments: Sequence[Assignment]) -> Path:
    """Seal ``assignments`` into ``<folder>/<device>/<seq:010d>-<hash>.htsync`` (0600, folder
    0700); the same input gives the same name, and a file already there is left as it is."""
    plaintext = encode(device, seq, assignments)
    path = device_folder(folder, device) / file_name(seq, plaintext)
    if path.exists():
        with contextlib.suppress(SealError, OSError):
            if open_bytes(key, PURPOSE, path.read_bytes()) == plaintext:
                return path
    write_atomically(path, seal_bytes(key, PURPOSE, plaintext))
    return path


def list_change_files(folder: Path) -> list[ChangeFile]:
    """Every device's change files in ``folder``, sorted by device, then number."""
    found: list[ChangeFile] = []
    with contextlib.suppress(OSError):
        for sub in folder.iterdir():
            if not DEVICE_PATTERN.match(sub.name) or not sub.is_dir():
                continue
            with contextlib.suppress(OSError):
                found.extend(ChangeFile(sub.name, p.name, p) for p in sub.iterdir()
                             if NAME_PATTERN.match(p.name) and p.is_file())
    return sorted(found, key=lambda f: (f.device, f.name))


def read_change_file(path: Path, key: bytes) -> list[Assignment]:
    """The assignments of a change file, all of them or none: SealError when it does not
    open (another key, damaged, cut short), InvalidEntry when what opens is not a valid
    change file; both name the file."""
    label = f"change file {path.parent.name}/{path.name}"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidEntry(f"{label} cannot be read ({exc.strerror or exc})") from None
    try:
        plaintext = open_bytes(key, PURPOSE, data)
    except SealError as exc:
        raise SealError(f"{label}: {exc}") from None
    named = NAME_PATTERN.match(path.name)
    if named and named[2] != hashlib.sha256(plaintext).hexdigest()[:16]:
        raise InvalidEntry(f"{label}: its contents do not match its name; it was not applied")
    try:
        return parse(plaintext, path.parent.name)
    except InvalidEntry as exc:
        raise InvalidEntry(f"{label}: {exc}; it was not applied") from None


def parse(plaintext: bytes, folder_device: str) -> list[Assignment]:
    """The assignments of a change file's plaintext; InvalidEntry at the first problem."""
    try:
        doc = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InvalidEntry("not JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("rows"), list):
        raise InvalidEntry("not a change file of a format this version knows")
    if DEVICE_PATTERN.match(folder_device) and doc.get("device") != folder_device:
        raise InvalidEntry("it belongs in another device's folder")
    assignments: list[Assignment] = []
    for row in doc["rows"]:
        assignments.extend(parse_row(row))
    return assignments


def parse_row(row: Any) -> list[Assignment]:
    if not (isinstance(row, list) and len(row) == 6 and all(isinstance(x, str) for x in row[:5])
            and isinstance(row[5], list)):
        raise InvalidEntry("a row is not [table, uuid, clock, base, device, fields]")
    table, uuid, clock, base, device, fields = row
    synced = BY_NAME.get(table)
    if synced is None:
        raise InvalidEntry(f"unknown table {table!r}")
    if not UUID_PATTERN.match(uuid):
        raise InvalidEntry("a row's uuid is malformed")
    stamp = CLOCK_PATTERN.match(clock)
    if stamp is None or stamp[3] != device or (base and not CLOCK_PATTERN.match(base)):
        raise InvalidEntry("a row's clock, base or device is malformed")
    known = {*synced.all_fields, DELETED}
    out = []
    for pair in fields:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
            raise InvalidEntry("a field is not [name, value]")
        name, value = pair
        if name not in known:
            raise InvalidEntry(f"unknown field {name!r} of {table}")
        if name == DELETED and value is not True:
            raise InvalidEntry("a deletion that is not true")
        out.append(Assignment(table, uuid, name, value, clock, base, device))
    return out
