"""The scores chart: totals over time on their bands, "not on track" where the score
worsened by the instrument's reliable change (PHQ-9 5, GAD-7 4), and its words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from harmtrack.cli import run
from harmtrack.core.care.questionnaires import answers
from harmtrack.core.charts import drawing as charts
from harmtrack.core.charts.data import KINDS, ScoresData, chart_data

D = dt.date


def phq9(total: int) -> list[int]:
    out = []
    for _ in range(8):  # item 9 stays 0
        out.append(min(3, total))
        total -= out[-1]
    return out + [0]


def gad7(total: int) -> list[int]:
    out = []
    for _ in range(7):
        out.append(min(3, total))
        total -= out[-1]
    return out


def fill(db) -> None:  # type: ignore[no-untyped-def]
    for day, p, g in ((D(2026, 1, 5), 6, 10), (D(2026, 2, 2), 12, 13), (D(2026, 3, 2), 16, 16),
                      (D(2026, 3, 30), 11, 20)):
        answers.take(db, "phq-9", phq9(p), day)
        answers.take(db, "gad-7", gad7(g), day)


def test_scores_is_a_chart_kind() -> None:
    assert "scores" in KINDS and "scores" in charts.DRAWERS and "scores" in charts.SIZES


def test_data_marks_a_rise_of_at_least_the_reliable_change(utc_settings) -> None:
    db = utc_settings
    fill(db)
    data = chart_data(db, "scores", None, D(2026, 2, 1), D(2026, 4, 30))
    assert isinstance(data, ScoresData)
    by = {s.instrument.key: s for s in data.series}
    assert list(by) == ["gad-7", "phq-9"]  # only what was taken in the range
    # PHQ-9: 6 → 12 (+6, before the range but it is the one before) → 16 (+4) → 11.
    assert by["phq-9"].totals == (12, 16, 11) and by["phq-9"].not_on_track == (True, False, False)
    assert by["phq-9"].before == 6
    # GAD-7: 10 → 13 (+3) → 16 (+3) → 20 (+4).
    assert by["gad-7"].not_on_track == (False, False, True)


def test_drawing_shades_the_bands_and_marks_not_on_track(utc_settings) -> None:
    db = utc_settings
    fill(db)
    data = chart_data(db, "scores", None, D(2026, 1, 1), D(2026, 4, 30))
    fig = charts.new_figure(*charts.SIZES["scores"])
    axes = charts.draw(fig, data, theme=charts.LIGHT)
    assert len(axes) == 2
    gad, phq = axes
    assert len([p for p in phq.patches if (p.get_gid() or "").startswith("band-")]) == 5
    assert len([p for p in gad.patches if (p.get_gid() or "").startswith("band-")]) == 4
    marks = [c for c in phq.collections if c.get_gid() == "not-on-track"]
    assert len(marks) == 1 and len(marks[0].get_offsets()) == 1
    line = next(ln for ln in phq.lines if ln.get_gid() == "score")
    assert list(line.get_ydata()) == [6, 12, 16, 11]
    labels = [t.get_text() for t in axes[0].get_legend().get_texts()]
    assert labels == ["score", "not on track (worse by the reliable change or more)"]


def test_summary_says_scores_bands_and_marks(utc_settings) -> None:
    db = utc_settings
    fill(db)
    text = charts.summary(chart_data(db, "scores", None, D(2026, 1, 1), D(2026, 4, 30)))
    assert "PHQ-9 went from 6 to 11 of 27 over 4 times, latest band: moderate" in text
    assert "Not on track: GAD-7 on 30 Mar, PHQ-9 on 2 Feb" in text


def test_nothing_taken_gives_the_empty_state(utc_settings) -> None:
    data = chart_data(utc_settings, "scores", None, D(2026, 1, 1), D(2026, 1, 31))
    assert data.is_empty
    fig = charts.new_figure(10, 4)
    (ax,) = charts.draw(fig, data)
    assert [t.get_text() for t in ax.texts] == ["No questionnaires taken in this range yet"]
    assert "No questionnaires taken" in charts.summary(data)


def test_point_info_names_the_answer_under_the_pointer(utc_settings) -> None:
    import matplotlib.dates as mdates

    db = utc_settings
    fill(db)
    data = chart_data(db, "scores", None, D(2026, 1, 1), D(2026, 4, 30))
    x = float(mdates.date2num(D(2026, 2, 3)))
    info = charts.point_info(data, x, 10.0, panel=1)
    assert info is not None and info.text == "PHQ-9 on Mon 2 Feb 2026: 12 (moderate); not on track"
    assert charts.point_info(data, x + 20, 10.0, panel=1) is None


def test_cli_writes_the_scores_chart(data_dir: Path, capsys, tmp_path: Path) -> None:
    for day, total in (("2026-01-05", 3), ("2026-02-02", 9)):
        assert run(["--data-dir", str(data_dir), "questionnaire", "take", "phq-9", "--answers",
                    ",".join(map(str, phq9(total))), "--date", day]) == 0
    out = tmp_path / "scores.png"
    assert run(["--data-dir", str(data_dir), "chart", "scores", "--out", str(out),
                "--from", "2026-01-01", "--to", "2026-02-28"]) == 0
    assert out.stat().st_size > 10_000
    text = capsys.readouterr().out
    assert ("PHQ-9 went from 3 to 9 of 27 over 2 times, latest band: mild. "
            "Not on track: PHQ-9 on 2 Feb") in text
