"""Amounts: the catalog of built-in trackables, units, conversions and standard drinks
(``catalog``, data from ``resources/catalog.json``), reading numbers people type and
their bounds (``validation``), and writing numbers, money and plurals for a locale
(``formatting``).

May import ``common``.
"""
