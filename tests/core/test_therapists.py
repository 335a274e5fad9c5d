"""The bundled therapist directory, support lines, your own therapist and support numbers."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from harmtrack.cli import run
from harmtrack.core.care import therapists
from harmtrack.core.common.errors import InvalidEntry, NotFound
from harmtrack.core.storage.db import Database

LISTING = "https://www.therapyden.com/specialties/harm-reduction-therapy"
#: ../shared beside the repository (the project's shared files; skipped when absent).
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seeds" / "therapyden-harm-reduction-listing.txt"

#: (name, profession, city, state) exactly as the listing shows them.
AS_LISTED = [
    ("Margaret Keig", "Licensed Marriage & Family Therapist", "Maitland", "FL"),
    ("Cassie Konnoly", "Licensed Mental Health Counselor", "Lacey", "WA"),
    ("Amber Holt", "Clinical Social Worker", "Gig Harbor", "WA"),
    ("Laurie Smith", "Licensed Clinical Social Worker", "Plymouth", "MI"),
    ("Liz Silverman", "Licensed Clinical Social Worker", "Brooklyn", "NY"),
    ("Lucius Wheeler", "Licensed Professional Counselor", "Ashland", "OR"),
    ("Joy Zelikovsky", "Psychologist", "Milford", "CT"),
    ("Kristin Sanders", "Clinical Social Worker", None, "TX"),
]


def test_every_listed_therapist_is_there_with_the_facts_as_listed() -> None:
    rows = therapists.all_therapists()
    assert [(t.name, t.profession, t.city, t.state) for t in rows] == AS_LISTED
    assert all(t.url == LISTING for t in rows)  # no invented profile addresses
    assert all(t.focus and t.summary for t in rows)
    sanders = rows[-1]
    assert sanders.location == "TX"
    src = therapists.directory_source()
    assert src.url == LISTING and src.retrieved == dt.date(2026, 11, 26)


def test_listing_seed_agrees_when_present() -> None:
    if not SEED.exists():
        pytest.skip("the listing snapshot is not on this machine")
    text = SEED.read_text(encoding="utf-8")
    for name, profession, city, state in AS_LISTED:
        assert f"— {name}, {profession} in {city or ''}, {state}" in text


def test_summaries_are_in_our_own_words() -> None:
    """No run of 6 words from a therapist's own text is reused in our summaries."""
    if not SEED.exists():
        pytest.skip("the listing snapshot is not on this machine")

    def words(s: str) -> list[str]:
        return re.findall(r"[a-z']+", s.lower())

    source = words(SEED.read_text(encoding="utf-8"))
    grams = {tuple(source[i:i + 6]) for i in range(len(source) - 5)}
    for t in therapists.all_therapists():
        ours = words(t.summary)
        copied = [" ".join(ours[i:i + 6]) for i in range(len(ours) - 5) if tuple(ours[i:i + 6]) in grams]
        assert not copied, (t.name, copied)


def test_no_stigmatizing_words_in_the_bundled_data() -> None:
    from harmtrack.paths import resource

    for name in ("therapists.json", "support_lines.json"):
        text = resource(name).read_text(encoding="utf-8").lower()
        for word in ("clean", "dirty", "relapse", "addict", "abuser", "failure", "junkie"):
            assert word not in text, (name, word)


def names(rows: list[therapists.Therapist]) -> list[str]:
    return [t.name for t in rows]


def test_filters() -> None:
    assert names(therapists.filter_therapists(state="wa")) == ["Cassie Konnoly", "Amber Holt"]
    assert names(therapists.filter_therapists(focus="self-harm")) == [
        "Cassie Konnoly", "Joy Zelikovsky", "Kristin Sanders"]
    assert names(therapists.filter_therapists(focus="LGBTQ+")) == ["Margaret Keig"]
    assert names(therapists.filter_therapists(focus="eating disorders")) == ["Joy Zelikovsky"]
    assert names(therapists.filter_therapists(profession="Clinical Social Worker")) == [
        "Amber Holt", "Laurie Smith", "Liz Silverman", "Kristin Sanders"]
    assert names(therapists.filter_therapists(state="TX", focus="self harm")) == ["Kristin Sanders"]
    assert names(therapists.filter_therapists(query="brooklyn")) == ["Liz Silverman"]
    assert names(therapists.filter_therapists(query="cannabis wa")) == ["Amber Holt"]
    assert therapists.filter_therapists(state="ZZ") == []
    assert "WA" in therapists.states() and "Psychologist" in therapists.professions()
    assert therapists.focus_tags()[0] in ("self-harm", "substance use")


def test_support_lines_have_numbers_and_sources() -> None:
    lines = {s.name: s for s in therapists.support_lines()}
    assert lines["988 Suicide & Crisis Lifeline"].phone == "988"
    assert "text" in lines["988 Suicide & Crisis Lifeline"].how.lower()
    assert lines["SAMHSA National Helpline"].phone == "1-800-662-4357"
    assert lines["Never Use Alone"].phone == "1-800-484-3731"
    assert lines["Samaritans"].phone == "116 123" and lines["Samaritans"].country == "UK"
    assert all(s.source.startswith("https://") for s in lines.values())


def test_my_therapist_set_get_clear(db: Database) -> None:
    assert therapists.get_my_therapist(db) is None
    therapists.set_my_therapist(db, "Dr Ana Ruiz", practice="Harbor Counseling", phone="+1 555 0100",
                                email="ana@example.org", url="https://example.org/ana",
                                next_session=dt.date(2026, 12, 3))
    got = therapists.get_my_therapist(db)
    assert got is not None and got.name == "Dr Ana Ruiz" and got.next_session == dt.date(2026, 12, 3)
    therapists.set_my_therapist(db, "Dr Ana Ruiz", practice="New Place")
    got = therapists.get_my_therapist(db)
    assert got is not None and got.practice == "New Place" and got.phone is None
    with pytest.raises(InvalidEntry, match="email"):
        therapists.set_my_therapist(db, "Someone Else", email="not an email")
    with pytest.raises(InvalidEntry, match="https"):
        therapists.set_my_therapist(db, "Someone Else", url="javascript:alert(1)")
    assert therapists.get_my_therapist(db).name == "Dr Ana Ruiz"  # type: ignore[union-attr]
    assert therapists.clear_my_therapist(db) is True
    assert therapists.get_my_therapist(db) is None
    assert therapists.clear_my_therapist(db) is False


def test_support_contacts(db: Database) -> None:
    a = therapists.add_support_contact(db, "Local crisis team", "0800 123 456")
    therapists.add_support_contact(db, "Sam (friend)", note="text first")
    assert [c.name for c in therapists.list_support_contacts(db)] == ["Local crisis team", "Sam (friend)"]
    with pytest.raises(InvalidEntry):
        therapists.add_support_contact(db, "No way to reach")
    with pytest.raises(InvalidEntry):
        therapists.add_support_contact(db, "Bad", "call me maybe")
    therapists.remove_support_contact(db, a.id)
    assert [c.name for c in therapists.list_support_contacts(db)] == ["Sam (friend)"]
    with pytest.raises(NotFound):
        therapists.remove_support_contact(db, a.id)


def test_cli_therapists_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["therapists", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["profession"], r["city"], r["state"]) for r in rows] == AS_LISTED
    assert all({"name", "profession", "city", "state", "focus", "url"} <= set(r) for r in rows)
    assert run(["therapists", "--state", "WA", "--focus", "alcohol", "--json"]) == 0
    assert [r["name"] for r in json.loads(capsys.readouterr().out)] == ["Amber Holt"]
    assert run(["therapists", "--focus", "LGBTQ+", "--json"]) == 0
    assert [r["name"] for r in json.loads(capsys.readouterr().out)] == ["Margaret Keig"]


def test_cli_my_therapist_and_support(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = ["--data-dir", str(data_dir)]
    assert run([*d, "my-therapist", "--name", "Dr Ana Ruiz", "--next-session", "2026-12-03"]) == 0
    capsys.readouterr()
    assert run([*d, "my-therapist", "--phone", "555 0100", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["name"] == "Dr Ana Ruiz" and out["phone"] == "555 0100" and out["next_session"] == "2026-12-03"
    assert run([*d, "my-therapist", "--email", "nope"]) == 2
    assert run([*d, "support", "--add", "Crisis team", "--phone", "0800 123"]) == 0
    capsys.readouterr()
    assert run([*d, "support", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["lines"]) == 4 and out["own"][0]["name"] == "Crisis team"
