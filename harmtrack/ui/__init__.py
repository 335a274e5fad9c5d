"""HarmTrack's Qt layer: presents data and calls core services; holds no logic of its own."""
