"""The one formatter for numbers, money and counted nouns (harmtrack.core.quantities.formatting)."""

from __future__ import annotations

import re

import pytest
from babel.numbers import parse_decimal
from hypothesis import given
from hypothesis import strategies as st

from harmtrack.core.common.errors import InvalidEntry
from harmtrack.core.quantities import catalog, formatting
from harmtrack.core.quantities.formatting import amount, count, money, number, plural

LOCALES = ("en_US", "de_DE", "fr_FR", "en_IN", "de_CH", "ja_JP")
finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@pytest.fixture(autouse=True)
def _english_by_default():  # type: ignore[no-untyped-def]
    formatting.use_locale("en_US")
    yield
    formatting.use_locale(None)


def test_numbers_read_as_people_write_them() -> None:
    assert number(12.0) == "12"
    assert number(2.5) == "2.5"
    assert number(31.8) == "31.8"
    assert number(1250.254) == "1,250.25"
    assert number(-0.001) == "0"
    assert number(2.5, locale="de_DE") == "2,5"
    assert number(1250.5, locale="de_DE") == "1.250,5"
    assert number(3.14159, 1) == "3.1"
    assert number(float("nan")) == "–"


def test_a_number_to_quote_back_has_no_grouping() -> None:
    # Messages and edit fields: "1,000" would be refused as ambiguous when typed back.
    assert number(1e9, grouping=False) == "1000000000"
    assert number(1234567.5, locale="de_DE", grouping=False) == "1234567,5"
    assert number(12.345, grouping=False) == "12.35"
    assert number(-0.001, grouping=False) == "0"
    assert number(1e20, grouping=False) == "1e+20"
    assert number(1e20) == "100,000,000,000,000,000,000"


@given(value=finite, decimals=st.integers(0, 2), locale=st.sampled_from(LOCALES))
def test_a_number_to_quote_back_parses_as_typed(value: float, decimals: int, locale: str) -> None:
    from harmtrack.core.tracking.validation import parse_number

    text = number(value, decimals, locale=locale, grouping=False)
    assert parse_number(text, "amount") == pytest.approx(round(value, decimals), abs=1e-9)


@given(value=finite, decimals=st.integers(0, 3), locale=st.sampled_from(LOCALES))
def test_a_number_reads_back_as_the_value_rounded(value: float, decimals: int, locale: str) -> None:
    text = number(value, decimals, locale=locale)
    assert float(parse_decimal(text, locale=locale)) == pytest.approx(round(value, decimals), abs=1e-9)
    assert text != "-0"


@given(value=finite, decimals=st.integers(0, 4))
def test_the_plain_locales_write_numbers_as_cldr_does(value: float, decimals: int) -> None:
    from babel.numbers import format_decimal

    for locale in formatting.PLAIN_LOCALES:
        rounded = round(value, decimals) + 0.0
        cldr = format_decimal(0.0 if rounded == 0 else rounded,
                              format="#,##0" + ("." + "#" * decimals if decimals else ""), locale=locale)
        assert number(value, decimals, locale=locale) == cldr


@given(n=st.integers(-5, 100_000))
def test_a_count_is_singular_exactly_when_it_reads_one(n: int) -> None:
    text = count(n, "day")
    assert text == ("1 day" if n == 1 else f"{number(n)} days")
    assert count(n, "entry", "entries").endswith("entry" if n == 1 else "entries")


@given(value=st.floats(min_value=0, max_value=10, allow_nan=False))
def test_plural_follows_the_number_as_shown(value: float) -> None:
    shown = number(value)
    assert (plural(value, "day") == "day") == (shown == "1")


def test_units_have_singular_names() -> None:
    assert amount(1, "standard drinks") == "1 standard drink"
    assert amount(2, "standard drinks") == "2 standard drinks"
    assert amount(1.0, "cigarettes") == "1 cigarette"
    assert amount(1, "sessions") == "1 session"
    assert amount(1.5, "sessions") == "1.5 sessions"
    assert amount(1.001, "units") == "1 unit"  # shown as 1, so said as one
    assert amount(1, "g") == "1 g"
    assert amount(0, "episodes") == "0 episodes"
    assert amount(1, "my own thing") == "1 my own thing"  # a unit the user typed stays as typed
    assert amount(12.5, "money", currency="EUR", locale="de_DE") == "12,50\xa0€"


def test_every_catalog_unit_has_its_singular_as_data() -> None:
    units = {u for t in catalog.trackables() for u in t.units}
    units |= {s.unit for s in catalog.standards().values()}
    names = catalog.raw()["unit_names"]
    missing = sorted(u for u in units if u not in names)
    assert not missing, f"add these units to unit_names in catalog.json: {missing}"
    for unit in units:
        one = formatting.unit_singular(unit)
        assert one and (unit == one or unit.startswith(one.split()[0][:3]))


def test_money_has_the_currencys_decimals_and_symbol() -> None:
    assert money(31.8, "USD") == "$31.80"
    assert money(31.84, "USD") == "$31.84"
    assert money(31.8, "EUR", locale="de_DE") == "31,80\xa0€"
    assert money(3180, "JPY") == "¥3,180"
    assert money(1234.5, "GBP", locale="en_GB") == "£1,234.50"
    assert money(-0.001, "USD") == "$0.00"
    assert money(12, None, locale="de_DE") == "12,00\xa0€"  # None: the locale's currency


@given(value=st.floats(min_value=0, max_value=1e7, allow_nan=False),
       code=st.sampled_from(("USD", "EUR", "GBP", "JPY", "KWD", "CHF", "INR")),
       locale=st.sampled_from(LOCALES))
def test_money_always_shows_the_currencys_decimals_and_reads_back(value: float, code: str,
                                                                  locale: str) -> None:
    text = money(value, code, locale=locale)
    decimals = formatting.money_decimals(code)
    digits = re.sub(r"[^\d.,'’\u202f\xa0]", "", text).strip("\xa0\u202f .")
    sep = {"en_US": ".", "de_DE": ",", "fr_FR": ",", "en_IN": ".", "de_CH": ".", "ja_JP": "."}[locale]
    if decimals:
        assert digits.rsplit(sep, 1)[1].__len__() == decimals, text
    else:
        assert sep not in digits or locale in ("de_DE", "fr_FR"), text  # only grouping marks
    plain = re.sub(r"[^\d" + re.escape(sep) + "]", "", text).replace(sep, ".")
    assert float(plain) == pytest.approx(round(value, decimals), abs=10 ** -decimals / 2)


def test_the_default_currency_comes_from_the_locale() -> None:
    assert formatting.default_currency("de_DE") == "EUR"
    assert formatting.default_currency("en_GB") == "GBP"
    assert formatting.default_currency("ja_JP") == "JPY"
    assert formatting.default_currency("C") == "USD"
    assert formatting.currency_code(None, "fr_FR") == "EUR"
    assert formatting.currency_code("chf", "fr_FR") == "CHF"


def test_the_locale_comes_from_the_gui_else_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    formatting.use_locale("de_DE.UTF-8")
    assert formatting.current_locale() == "de_DE"
    assert number(2.5) == "2,5"
    formatting.use_locale("C")
    assert formatting.current_locale() == "en_US"
    formatting.use_locale(None)
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    formatting._environment_locale.cache_clear()
    try:
        assert formatting.current_locale() == "fr_FR"
    finally:
        monkeypatch.delenv("LC_ALL")
        formatting._environment_locale.cache_clear()


def test_unknown_currencies_are_refused_in_one_line() -> None:
    assert formatting.check_currency("eur") == "EUR"
    for bad in ("XYZ", "EURO", "", "€", 12):
        with pytest.raises(InvalidEntry, match="unknown currency"):
            formatting.check_currency(bad)  # type: ignore[arg-type]
    assert "EUR" in formatting.known_currencies() and "JPY" in formatting.known_currencies()


def test_the_currency_is_a_setting_that_refuses_bad_codes(db) -> None:  # type: ignore[no-untyped-def]
    from harmtrack.core.storage.settings import get_settings, update_settings

    assert get_settings(db).currency is None  # follows the locale until the user chooses
    assert update_settings(db, currency="EUR").currency == "EUR"
    with pytest.raises(InvalidEntry, match="unknown currency"):
        update_settings(db, currency="ZZZ", week_start=3)
    after = get_settings(db)
    assert (after.currency, after.week_start) == ("EUR", 0)  # nothing changed
    assert update_settings(db, currency=None).currency is None
