"""What every core package shares: the domain errors a user can read (``errors``), the
one source of "now" (``clock``) and local days, weeks and zones (``days``).

Imports nothing else from ``harmtrack.core``.
"""
