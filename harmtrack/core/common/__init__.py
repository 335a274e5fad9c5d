"""What every core package shares: the domain errors a user can read (``errors``), the
one source of "now" (``clock``), local days, weeks and zones (``days``) and what a
write changed (``changes``).

Imports nothing else from ``harmtrack.core``.
"""
