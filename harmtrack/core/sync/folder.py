"""The sync folder's setup: ``harmtrack-sync.json`` (the key's salt and a check that a key
fits, no user data) and each device's record ``<device>/device.htsync`` (its display name
and last change, sealed).

The key is scrypt of the sync passphrase with the folder's salt, derived once when a device
sets the folder up (slow on purpose) and then kept in the device's sync state; change files
are sealed with the key itself, never with the passphrase, so no file costs a derivation.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import os
from pathlib import Path
from typing import NamedTuple

from harmtrack.core.common.errors import HarmTrackError, InvalidEntry
from harmtrack.core.privacy import sealed
from harmtrack.core.storage.private_files import private_folder, private_open
from harmtrack.core.sync.clock import DEVICE_PATTERN
from harmtrack.core.sync.files import canonical, device_folder, sync_folder_entry, write_atomically

log = logging.getLogger(__name__)

SETUP_NAME = "harmtrack-sync.json"
DEVICE_RECORD = "device.htsync"
CHECK_PURPOSE = b"harmtrack-sync-check"
CHECK_PLAIN = b"harmtrack"
DEVICE_PURPOSE = b"harmtrack-sync-device"
FORMAT = 1


class SyncFolderError(HarmTrackError):
    """The sync folder cannot be used (missing, unwritable, not a sync folder)."""


class WrongSyncPassphrase(SyncFolderError):
    """The passphrase (or the key kept from it) does not fit this sync folder."""


class DeviceRecord(NamedTuple):
    id: str
    name: str
    last_change: str   # the clock of the device's latest change ("" before any)


class Setup(NamedTuple):
    salt: bytes
    log2_n: int
    check: bytes


def read_setup(folder: Path) -> Setup:
    """The folder's setup file; SyncFolderError when it is missing or damaged."""
    path = folder / SETUP_NAME
    if not folder.is_dir():
        raise SyncFolderError(f"the sync folder {folder} is not there (is its drive connected?)")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT or doc.get("kdf") != "scrypt":
            raise ValueError("unknown format")
        return Setup(base64.b64decode(doc["salt"], validate=True), int(doc["log2_n"]),
                     base64.b64decode(doc["check"], validate=True))
    except FileNotFoundError:
        raise SyncFolderError(f"{folder} is not a HarmTrack sync folder (no {SETUP_NAME})") from None
    except OSError as exc:
        raise SyncFolderError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        raise SyncFolderError(f"{path} is damaged; the folder cannot be used for sync") from None


def key_fits(setup: Setup, key: bytes) -> bool:
    try:
        return sealed.open_bytes(key, CHECK_PURPOSE, setup.check) == CHECK_PLAIN
    except sealed.SealError:
        return False


def join(folder: Path, passphrase: str) -> bytes:
    setup = read_setup(folder)
    key = sealed.derive_key(passphrase, setup.salt, setup.log2_n)
    if not key_fits(setup, key):
        raise WrongSyncPassphrase("wrong passphrase for this sync folder")
    return key


def create_or_join(folder: Path, passphrase: str) -> bytes:
    """The folder's key: a new folder is set up with ``passphrase``, an existing one is
    joined with it. Raises WrongSyncPassphrase (one line) for a passphrase that does not fit."""
    if not passphrase:
        raise InvalidEntry("a sync passphrase is needed")
    if (folder / SETUP_NAME).exists():
        return join(folder, passphrase)
    try:
        private_folder(folder)
        salt = sealed.new_salt()
        key = sealed.derive_key(passphrase, salt)
        doc = {"format": FORMAT, "kdf": "scrypt", "log2_n": sealed.SCRYPT_LOG2_N,
               "salt": base64.b64encode(salt).decode("ascii"),
               "check": base64.b64encode(sealed.seal_bytes(key, CHECK_PURPOSE, CHECK_PLAIN)).decode("ascii")}
        if not publish(folder / SETUP_NAME, canonical(doc)):
            return join(folder, passphrase)  # another device set it up a moment ago
    except OSError as exc:
        raise SyncFolderError(f"cannot set up the sync folder {folder}: {exc.strerror or exc}") from None
    return key


def publish(path: Path, data: bytes) -> bool:
    """Write ``path`` whole, unless it exists already (False then): a hard link of a
    finished temporary file never replaces another device's setup."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        with private_open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if path.exists():
                return False
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    sync_folder_entry(path.parent)
    return True


def open_folder(folder: Path, key: bytes) -> None:
    """Check that the folder is there and ``key`` (kept from setup) still fits it."""
    if not key_fits(read_setup(folder), key):
        raise WrongSyncPassphrase("the sync folder was set up again with another passphrase; "
                                  "choose it again with that passphrase")


def write_device_record(folder: Path, key: bytes, device: str, name: str, last_change: str) -> None:
    """Seal this device's display name and last change into ``<folder>/<device>/device.htsync``."""
    doc = {"format": FORMAT, "id": device, "name": name, "last_change": last_change}
    path = device_folder(folder, device) / DEVICE_RECORD
    write_atomically(path, sealed.seal_bytes(key, DEVICE_PURPOSE, canonical(doc)))


def devices(folder: Path, key: bytes) -> list[DeviceRecord]:
    """Every device's record in the folder, by id; a record that does not open is left out."""
    found = []
    with contextlib.suppress(OSError):
        for sub in sorted(folder.iterdir()):
            path = sub / DEVICE_RECORD
            if not DEVICE_PATTERN.match(sub.name) or not path.is_file():
                continue
            try:
                doc = json.loads(sealed.open_bytes(key, DEVICE_PURPOSE, path.read_bytes()))
                record = DeviceRecord(str(doc["id"]), str(doc["name"]), str(doc["last_change"]))
            except (OSError, ValueError, KeyError, TypeError, sealed.SealError):
                log.warning("a device record in the sync folder does not open; left out")
                continue
            if record.id == sub.name:
                found.append(record)
    return found
