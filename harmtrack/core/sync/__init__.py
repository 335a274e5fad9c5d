"""Sync between a person's computers through a folder they already sync (issue 15,
docs/sync.md): every synced row has a stable identity, every change is an assignment with a
hybrid logical clock, merged the same on every device and carried in sealed change files.

Owns: the registry of synced tables (``tables``), reading local edits as assignments
(``capture``), writing merged rows back into the real tables (``materialize``), the records
passed between the parts (``records``), clocks, merging, change files, the sync folder and
the pass itself. The row identities (``sync_rows``) and the triggers that mark edited rows
are the storage layer's (``storage.sync_marks``), so every writer is caught.

The top core layer: may import every other core package, and none imports it.
"""
