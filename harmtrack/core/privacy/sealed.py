"""Sealed files: what HarmTrack writes outside its data folder (sync change files, the
therapist's share bundle) encrypted and authenticated, so such a file holds no plaintext
and a damaged, truncated or swapped file is refused whole, never read in part.

Format (all integers big-endian)::

    magic "HTSEAL" · version 1 · mode ("K" keyed | "P" passphrase)
    [mode P: salt (16) · log2 of scrypt's N (1)]
    nonce prefix (7)
    chunks: length of the sealed chunk (4) · AES-256-GCM(chunk)

Each chunk is at most ``CHUNK`` bytes of zlib-compressed plaintext, sealed with the nonce
``prefix · chunk number (4) · last flag (1)`` and the header plus the caller's
``purpose`` as associated data (the STREAM construction of Hoang, Reyhanitabar, Rogaway
and Vizár, 2015): reordered, dropped or appended chunks and a file cut short all fail to
open, and a file sealed for one purpose does not open as another.

Keys come from a passphrase through scrypt (RFC 7914; N = 2**15, r = 8, p = 1, the
interactive-login parameters of the ``cryptography`` documentation). The AEAD is the
``cryptography`` package's (OpenSSL underneath): a hand-written cipher would be a defect.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from harmtrack.core.common.errors import HarmTrackError

MAGIC = b"HTSEAL\x01"
KEYED = b"K"
WITH_PASSPHRASE = b"P"
SALT_BYTES = 16
KEY_BYTES = 32
SCRYPT_LOG2_N = 15
SCRYPT_R = 8
SCRYPT_P = 1
CHUNK = 1 << 20
PREFIX_BYTES = 7
# A chunk's sealed length is its plaintext plus the 16-byte tag; compression can grow
# incompressible data by a little, so the reader allows some slack before refusing.
MAX_SEALED_CHUNK = CHUNK + (CHUNK >> 4) + 1024


class SealError(HarmTrackError):
    """A sealed file that cannot be opened: a different passphrase or a damaged file."""


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_key(passphrase: str, salt: bytes, log2_n: int = SCRYPT_LOG2_N) -> bytes:
    """The 32-byte key for ``passphrase`` and ``salt`` (scrypt; slow on purpose)."""
    if not 10 <= log2_n <= 22:
        raise SealError("the file's key settings are out of range; it was not opened")
    n = 1 << log2_n
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R,
                          p=SCRYPT_P, maxmem=256 * n * SCRYPT_R, dklen=KEY_BYTES)


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", number, 1 if last else 0)


def _compressed_chunks(source: BinaryIO) -> Iterator[bytes]:
    """``source`` compressed, in pieces of at most CHUNK bytes (at least one piece)."""
    packer = zlib.compressobj(6)
    pending = b""
    while True:
        block = source.read(CHUNK)
        pending += packer.compress(block) if block else packer.flush()
        while len(pending) > CHUNK:
            yield pending[:CHUNK]
            pending = pending[CHUNK:]
        if not block:
            break
    yield pending


def _seal_body(key: bytes, header: bytes, purpose: bytes, source: BinaryIO, target: BinaryIO) -> None:
    aead = AESGCM(key)
    prefix = os.urandom(PREFIX_BYTES)
    target.write(header + prefix)
    associated = header + purpose
    chunks = _compressed_chunks(source)
    current = next(chunks)
    number = 0
    for following in chunks:
        sealed = aead.encrypt(_nonce(prefix, number, False), current, associated)
        target.write(struct.pack(">I", len(sealed)) + sealed)
        current, number = following, number + 1
    sealed = aead.encrypt(_nonce(prefix, number, True), current, associated)
    target.write(struct.pack(">I", len(sealed)) + sealed)


def seal(key: bytes, purpose: bytes, source: BinaryIO, target: BinaryIO) -> None:
    """Write ``source`` to ``target`` sealed with ``key`` (from ``derive_key``)."""
    _seal_body(key, MAGIC + KEYED, purpose, source, target)


def seal_with_passphrase(passphrase: str, purpose: bytes, source: BinaryIO, target: BinaryIO) -> None:
    """Write ``source`` sealed with a key from ``passphrase`` and a new salt kept in the file."""
    salt = new_salt()
    header = MAGIC + WITH_PASSPHRASE + salt + bytes([SCRYPT_LOG2_N])
    _seal_body(derive_key(passphrase, salt), header, purpose, source, target)


def _read_exact(source: BinaryIO, size: int) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise SealError("the file is cut short; it was not opened")
    return data


def _open_body(key: bytes, header: bytes, purpose: bytes, source: BinaryIO, target: BinaryIO) -> None:
    aead = AESGCM(key)
    prefix = _read_exact(source, PREFIX_BYTES)
    associated = header + purpose
    unpacker = zlib.decompressobj()
    number = 0
    while True:
        (size,) = struct.unpack(">I", _read_exact(source, 4))
        if size > MAX_SEALED_CHUNK:
            raise SealError("the file is damaged; it was not opened")
        sealed = _read_exact(source, size)
        at_end = not source.peek(1) if hasattr(source, "peek") else None
        last = at_end if at_end is not None else _at_end(source)
        try:
            plain = aead.decrypt(_nonce(prefix, number, last), sealed, associated)
        except InvalidTag:
            raise SealError("the file cannot be opened: a different passphrase, or a "
                            "damaged file") from None
        try:
            target.write(unpacker.decompress(plain))
        except zlib.error:
            raise SealError("the file is damaged; it was not opened") from None
        if last:
            break
        number += 1
    if not unpacker.eof:
        raise SealError("the file is damaged; it was not opened")
    target.write(unpacker.flush())


def _at_end(source: BinaryIO) -> bool:
    here = source.tell()
    more = bool(source.read(1))
    source.seek(here)
    return not more


def read_header(source: BinaryIO) -> tuple[bytes, bytes]:
    """The file's mode (KEYED or WITH_PASSPHRASE) and its whole header, read from ``source``."""
    head = source.read(len(MAGIC) + 1)
    if len(head) != len(MAGIC) + 1 or not head.startswith(MAGIC):
        raise SealError("the file is not a HarmTrack sealed file (or it is damaged)")
    mode = head[len(MAGIC):]
    if mode == KEYED:
        return mode, head
    if mode == WITH_PASSPHRASE:
        return mode, head + _read_exact(source, SALT_BYTES + 1)
    raise SealError("the file is not a HarmTrack sealed file (or it is damaged)")


def open_sealed(key: bytes, purpose: bytes, source: BinaryIO, target: BinaryIO) -> None:
    """Write the plaintext of a file sealed with ``key`` to ``target``.

    Raises SealError for a different key, a damaged or cut-short file, or another
    purpose's file. ``target`` may have received part of the plaintext by then: write to
    a temporary place and use it only when this returns.
    """
    mode, header = read_header(source)
    if mode != KEYED:
        raise SealError("the file is sealed with a passphrase of its own")
    _open_body(key, header, purpose, source, target)


def open_with_passphrase(passphrase: str, purpose: bytes, source: BinaryIO, target: BinaryIO) -> None:
    """Write the plaintext of a file from ``seal_with_passphrase`` to ``target`` (see ``open_sealed``)."""
    mode, header = read_header(source)
    if mode != WITH_PASSPHRASE:
        raise SealError("the file is not sealed with a passphrase of its own")
    salt = header[len(MAGIC) + 1:len(MAGIC) + 1 + SALT_BYTES]
    key = derive_key(passphrase, salt, header[-1])
    _open_body(key, header, purpose, source, target)


def seal_bytes(key: bytes, purpose: bytes, data: bytes) -> bytes:
    """``seal`` for data already in memory (a sync change file)."""
    import io

    out = io.BytesIO()
    seal(key, purpose, io.BytesIO(data), out)
    return out.getvalue()


def open_bytes(key: bytes, purpose: bytes, data: bytes) -> bytes:
    """``open_sealed`` for a file already in memory; nothing is returned unless all of it opens."""
    import io

    out = io.BytesIO()
    open_sealed(key, purpose, io.BytesIO(data), out)
    return out.getvalue()
