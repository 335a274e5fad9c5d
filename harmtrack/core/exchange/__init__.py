"""Data in and out: export (``export``), the FHIR export (``fhir``, docs/fhir.md), one
importer per format (``importers``), the therapist's sealed share (``share``,
docs/share.md) and the example data set (``demo``).

May import every other core package.
"""
