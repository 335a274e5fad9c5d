"""HarmTrack's core: storage, services, statistics, charts and reports. Never imports Qt."""
