"""Encryption at rest: SQLCipher keys from a passphrase, its strength, encrypting,
decrypting and re-keying a data folder (``crypto``).

May import ``storage``, ``quantities`` and ``common``.
"""
