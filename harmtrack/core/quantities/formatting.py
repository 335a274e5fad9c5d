"""Numbers, money and counted nouns as people read them: the one formatter for every text
HarmTrack writes (chart summaries, the report, the command line, and the screens, which pass
Qt's locale).

Numbers and money follow a locale (CLDR data through babel: the decimal and grouping
marks, the currency's symbol, its place and its number of decimals: 2 for EUR, 0 for JPY,
3 for KWD). The words are English, so whether a noun is singular follows English rules
(and the number as shown: "1 day", "1.5 days", "0 days"). Unit names are data:
``unit_names`` in resources/catalog.json maps each plural unit to its singular.

The locale is, in order: the one the GUI set with ``use_locale`` (Qt's, so screens and the
PDF agree), else the environment's (LC_ALL, LC_NUMERIC, LANG…), else en_US. babel is
imported inside the functions, off the start-up path.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from harmtrack.core.common.errors import InvalidEntry

#: Used when neither the GUI nor the environment names a usable locale ("C", "POSIX").
FALLBACK_LOCALE = "en_US"
#: Used when the locale names no territory to take a currency from (e.g. plain "en").
FALLBACK_CURRENCY = "USD"
#: The unit whose amounts are sums of money (gambling), and what a money goal counts.
MONEY_UNIT = "money"
#: Shown where there is no number (nothing to average, no target).
NO_NUMBER = "–"

#: Locales whose numbers Python's own "{:,.2f}" writes exactly as CLDR does (the fallback,
#: and so the C locale): no CLDR data is loaded for them (that costs ≈25 ms, on the first
#: paint of the logging screen). tests/core/test_formatting.py compares them with babel.
PLAIN_LOCALES = frozenset({"en_US"})

_chosen_locale: str | None = None


# --- the locale -------------------------------------------------------------------------

def use_locale(name: str | None) -> None:
    """Format in this locale from now on (e.g. "de_DE", Qt's ``QLocale().name()``); None
    goes back to the environment's."""
    global _chosen_locale
    _chosen_locale = _usable(name) if name else None


def current_locale() -> str:
    """The locale numbers and money are written in now, e.g. "en_US"."""
    if _chosen_locale:
        return _chosen_locale
    return _environment_locale()


@lru_cache(maxsize=1)
def _environment_locale() -> str:
    from babel import default_locale

    return _usable(default_locale(("LC_ALL", "LC_NUMERIC", "LC_MONETARY", "LANG", "LANGUAGE")))


@lru_cache(maxsize=64)
def _usable(name: str | None) -> str:
    """A locale babel knows, from a name such as "de_DE.UTF-8", "de-DE" or "C"."""
    text = (name or "").split(".")[0].split("@")[0].replace("-", "_")
    if not text or text.upper() in ("C", "POSIX") or "POSIX" in text.upper():
        return FALLBACK_LOCALE
    if text in PLAIN_LOCALES:
        return text
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(text))
    except (UnknownLocaleError, ValueError, TypeError):
        return FALLBACK_LOCALE


def _locale(locale: str | None) -> str:
    return _usable(locale) if locale else current_locale()


# --- numbers ----------------------------------------------------------------------------

def number(value: float | None, decimals: int = 2, *, locale: str | None = None,
           grouping: bool = True) -> str:
    """A number as people write it, grouped, with at most ``decimals`` decimals and no
    trailing zeros: 12, 2.5, 1,250.25 (de: 1.250,25); never "-0"; "–" for no number (None, NaN).

    ``grouping=False``: digits only (1000000000), for a number quoted back in a message or
    put in a field to edit, where "1,000" would read as ambiguous; beyond 1e15 (only a
    typed "1e20" gets there) three significant digits: 1e+20."""
    from babel.numbers import format_decimal

    if value is None or not math.isfinite(value):
        return NO_NUMBER
    if not grouping and abs(value) >= 1e15:
        return f"{value:.3g}"
    value = _rounded(value, decimals)
    loc = _locale(locale)
    if loc in PLAIN_LOCALES:
        text = f"{value:{',' if grouping else ''}.{max(decimals, 0)}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    pattern = ("#,##0" if grouping else "0") + ("." + "#" * decimals if decimals > 0 else "")
    return str(format_decimal(value, format=pattern, locale=loc))


def _rounded(value: float, decimals: int) -> float:
    rounded = round(value, decimals)
    return 0.0 if rounded == 0 else rounded  # -0.001 reads "0", not "-0"


def is_one(value: float, decimals: int = 2) -> bool:
    """Whether a number, as shown with ``decimals``, reads "1" (English takes a singular)."""
    return math.isfinite(value) and _rounded(value, decimals) == 1


def plural(n: float, one: str, other: str | None = None, *, decimals: int = 2) -> str:
    """The noun for ``n``: ``one`` for exactly 1 (as shown), else ``other`` (default one+"s")."""
    return one if is_one(n, decimals) else (other if other is not None else one + "s")


def count(n: float, one: str, other: str | None = None, *, decimals: int = 2,
          locale: str | None = None) -> str:
    """A number with its noun: "1 day", "3 days", "1,250 entries" (``other`` when not +s)."""
    return f"{number(n, decimals, locale=locale)} {plural(n, one, other, decimals=decimals)}"


# --- units ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _unit_singulars() -> dict[str, str]:
    from harmtrack.core.quantities.catalog import raw

    names: dict[str, Any] = raw().get("unit_names", {})
    return {plural_.casefold(): str(one) for plural_, one in names.items()
            if not plural_.startswith("_")}


def unit_singular(unit: str) -> str:
    """A unit's singular name ("standard drinks" → "standard drink"); a unit the catalog does
    not know (one the user typed) is kept as it is."""
    return _unit_singulars().get(unit.strip().casefold(), unit)


def unit_for(value: float, unit: str, *, decimals: int = 2) -> str:
    """The unit name that goes with ``value``: singular for exactly 1."""
    return unit_singular(unit) if is_one(value, decimals) else unit


def amount(value: float, unit: str, *, decimals: int = 2, currency: str | None = None,
           locale: str | None = None) -> str:
    """An amount with its unit: "1 standard drink", "2.5 standard drinks", "1 g"; an amount
    counted in money is money ("$12.50")."""
    if unit.strip().casefold() == MONEY_UNIT:
        return money(value, currency, locale=locale)
    return f"{number(value, decimals, locale=locale)} {unit_for(value, unit, decimals=decimals)}"


# --- money ------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def default_currency(locale: str | None = None) -> str:
    """The currency of the locale's territory (de_DE → EUR, en_GB → GBP), else USD."""
    from babel import Locale
    from babel.numbers import get_territory_currencies

    territory = Locale.parse(_locale(locale)).territory
    found = get_territory_currencies(territory) if territory else []
    return str(found[0]) if found else FALLBACK_CURRENCY


def currency_code(setting: str | None, locale: str | None = None) -> str:
    """The currency in use: the user's setting, or the locale's when it is None."""
    return setting.upper() if setting else default_currency(locale)


@lru_cache(maxsize=1)
def _known_currencies() -> frozenset[str]:
    from babel import Locale

    return frozenset(Locale.parse(FALLBACK_LOCALE).currencies)


def known_currencies() -> list[str]:
    """Every ISO 4217 currency code this formatter can write, sorted."""
    return sorted(_known_currencies())


@lru_cache(maxsize=1)
def currencies_in_use() -> tuple[str, ...]:
    """The currencies some country uses today (≈150 of the 300 ISO codes), sorted: the
    choices a settings screen offers."""
    from babel import Locale
    from babel.numbers import get_territory_currencies

    found: set[str] = set()
    for territory in Locale.parse(FALLBACK_LOCALE).territories:
        if isinstance(territory, str) and territory.isalpha():  # countries, not "001" (the world)
            found.update(get_territory_currencies(territory, tender=True))
    return tuple(sorted(found & _known_currencies()))


def check_currency(code: str) -> str:
    """The code in capitals, or InvalidEntry if it is not an ISO 4217 currency."""
    text = code.strip().upper() if isinstance(code, str) else ""
    if len(text) != 3 or text not in _known_currencies():
        raise InvalidEntry(f"unknown currency {code!r}: use a three-letter code such as EUR, USD or GBP")
    return text


def currency_name(code: str, *, locale: str | None = None) -> str:
    """The currency's name in the locale's language ("Euro", "US Dollar")."""
    from babel.numbers import get_currency_name

    return str(get_currency_name(code, locale=_locale(locale)))


def currency_symbol(code: str, *, locale: str | None = None) -> str:
    """The currency's symbol in the locale ("€", "$", "CHF")."""
    from babel.numbers import get_currency_symbol

    return str(get_currency_symbol(code, locale=_locale(locale)))


def money_decimals(code: str) -> int:
    """How many decimals the currency is written with (2 for EUR, 0 for JPY)."""
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(code))


def money(value: float, currency: str | None = None, *, locale: str | None = None) -> str:
    """A sum of money in the locale's way, always with the currency's decimals:
    "$31.80", "31,80 €", "¥3,180". ``currency`` None: the locale's own."""
    from babel.numbers import format_currency

    if not math.isfinite(value):
        return NO_NUMBER
    loc = _locale(locale)
    code = currency_code(currency, loc)
    value = _rounded(value, money_decimals(code))
    return str(format_currency(value, code, locale=loc))
