"""Sealed files: what opens is exactly what was sealed; anything else is refused whole."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harmtrack.core.privacy import sealed

KEY = sealed.derive_key("correct horse battery", b"0123456789abcdef")
PURPOSE = b"test-file"


def _seal(data: bytes) -> bytes:
    return sealed.seal_bytes(KEY, PURPOSE, data)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=5000))
def test_round_trip(data: bytes) -> None:
    assert sealed.open_bytes(KEY, PURPOSE, _seal(data)) == data


def test_several_chunks_round_trip_and_hold_no_plaintext(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sealed, "CHUNK", 64)
    data = ("my private note " * 200).encode() + bytes(range(256)) * 40
    blob = _seal(data)
    assert b"private" not in blob
    assert sealed.open_bytes(KEY, PURPOSE, blob) == data


@pytest.mark.parametrize("damage", ["flip", "cut", "append", "drop_chunk", "swap_chunks"])
def test_damaged_files_are_refused(monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    monkeypatch.setattr(sealed, "CHUNK", 64)
    blob = bytearray(_seal(bytes(range(256)) * 20 + b"x" * 3000))
    header = len(sealed.MAGIC) + 1 + sealed.PREFIX_BYTES
    first = int.from_bytes(blob[header:header + 4], "big") + 4
    if damage == "flip":
        blob[len(blob) // 2] ^= 1
    elif damage == "cut":
        del blob[-10:]
    elif damage == "append":
        blob += blob[header:header + first]
    elif damage == "drop_chunk":
        del blob[header:header + first]
    else:
        second = int.from_bytes(blob[header + first:header + first + 4], "big") + 4
        one, two = blob[header:header + first], blob[header + first:header + first + second]
        blob[header:header + first + second] = two + one
    with pytest.raises(sealed.SealError):
        sealed.open_bytes(KEY, PURPOSE, bytes(blob))


def test_wrong_key_and_other_purpose_are_refused() -> None:
    blob = _seal(b"hello")
    other = sealed.derive_key("another passphrase", b"0123456789abcdef")
    with pytest.raises(sealed.SealError, match="different passphrase"):
        sealed.open_bytes(other, PURPOSE, blob)
    with pytest.raises(sealed.SealError):
        sealed.open_bytes(KEY, b"another-purpose", blob)
    with pytest.raises(sealed.SealError, match="not a HarmTrack"):
        sealed.open_bytes(KEY, PURPOSE, b"plain text")


def test_passphrase_mode_keeps_its_salt() -> None:
    out = io.BytesIO()
    sealed.seal_with_passphrase("share words here", b"share", io.BytesIO(b"bundle"), out)
    back = io.BytesIO()
    sealed.open_with_passphrase("share words here", b"share", io.BytesIO(out.getvalue()), back)
    assert back.getvalue() == b"bundle"
    with pytest.raises(sealed.SealError):
        sealed.open_with_passphrase("wrong words", b"share", io.BytesIO(out.getvalue()), io.BytesIO())
    with pytest.raises(sealed.SealError):
        sealed.open_sealed(KEY, b"share", io.BytesIO(out.getvalue()), io.BytesIO())


def test_opens_from_a_real_file(tmp_path) -> None:
    path = tmp_path / "f.sealed"
    with path.open("wb") as target:
        sealed.seal(KEY, PURPOSE, io.BytesIO(b"abc" * 1000), target)
    with path.open("rb") as source:
        out = io.BytesIO()
        sealed.open_sealed(KEY, PURPOSE, source, out)
    assert out.getvalue() == b"abc" * 1000
