"""The machine's time zone, for a user who set none: a name zoneinfo opens, TZ first."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from harmtrack.core.common import days


def test_the_tz_variable_names_the_zone(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert days.system_zone_name() == "Europe/Berlin"
    assert days.zone(None) == ZoneInfo("Europe/Berlin")
    monkeypatch.setenv("TZ", ":Asia/Tokyo")  # POSIX's "read the file" prefix; seen at once
    assert days.system_zone_name() == "Asia/Tokyo"


@pytest.mark.parametrize("value", ["Nowhere/Land", "CET-1CEST", ""])
def test_a_tz_variable_zoneinfo_cannot_open_falls_back_to_a_real_zone(monkeypatch, value) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TZ", raising=False)
    machine = days.system_zone_name()
    monkeypatch.setenv("TZ", value)
    assert days.system_zone_name() == machine  # the system's own setting, as without TZ
    ZoneInfo(machine)  # a real IANA name, whatever this machine is set to


def test_without_tz_the_machines_own_setting_is_read(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TZ", raising=False)
    localtime = Path("/etc/localtime")
    if not localtime.is_symlink() or "zoneinfo" not in localtime.resolve().parts:
        pytest.skip("this machine keeps its zone some other way")
    parts = localtime.resolve().parts
    assert days.system_zone_name() == "/".join(parts[parts.index("zoneinfo") + 1:])


def test_the_zone_is_looked_up_again_after_a_while(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "Europe/Berlin")
    looked_up: list[bool] = []

    def look_up(*, again: bool) -> str:
        looked_up.append(again)
        return "Europe/Berlin"

    monkeypatch.setattr(days, "_zone_seen", None)
    monkeypatch.setattr(days, "_look_up_zone_name", look_up)
    clock = [1000.0]
    monkeypatch.setattr(days.time, "monotonic", lambda: clock[0])
    days.system_zone_name()
    days.system_zone_name()
    assert looked_up == [False]  # Settings.tz asks often: not a file read each time
    clock[0] += days.ZONE_RECHECK_S + 1
    days.system_zone_name()
    assert looked_up == [False, True]  # a laptop that travelled is followed while it runs
