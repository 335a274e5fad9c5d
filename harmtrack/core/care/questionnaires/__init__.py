"""Questionnaires: instruments read from ``resources/instruments/`` (``instruments``), their
scoring (``scoring``: totals, reverse-scored items, bands, screens, the safety flag), the
answers kept one per instrument and day (``answers``) and when each is due (``schedules``).

Adding an instrument is adding a JSON file; no code names one. Scores and bands are always
computed here from the answers, never typed or read from a file.
"""
