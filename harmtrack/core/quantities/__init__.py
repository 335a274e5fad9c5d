"""Amounts: the catalog of built-in trackables, units, conversions and standard drinks
(``catalog``, data from ``resources/catalog.json``), and writing numbers, money and
plurals for a locale (``formatting``). Reading what a person typed is ``tracking.validation``.

May import ``common``.
"""
