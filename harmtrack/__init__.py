"""HarmTrack: private, local-first harm-reduction self-tracking."""

__version__ = "0.1.0"
