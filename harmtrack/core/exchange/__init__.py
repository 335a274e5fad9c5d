"""Data in and out: export (``export``), one importer per format (``importers``) and the
example data set (``demo``).

May import every other core package.
"""
