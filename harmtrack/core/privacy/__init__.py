"""Encryption changes: encrypting, decrypting and re-keying a data folder and its
backups (``crypto``); sealed files written outside it (``sealed``). Keys, keyed files and
the passphrase rule are ``storage``'s.

May import ``storage``, ``quantities`` and ``common``.
"""
