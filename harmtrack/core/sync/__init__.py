"""Sync between a person's computers through a folder they already sync (issue 15,
docs/sync.md): assignments with hybrid logical clocks, merged the same on every device,
carried in sealed change files.

May import every other core package.
"""
