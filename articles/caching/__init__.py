"""Caching for anonymous readers, kept exact by a content version.

Every public page shows published content only, so one number, the
*content version* (``ContentVersion``, one database row), says whether a
cached page may still be shown: it changes in the same transaction as any
write to what pages show (signals.py), and when a scheduled story becomes
public (versions.py). Pages and derived values are cached under it
(middleware.py, ``versions.cached``), so an editor's change shows at once
on every process and machine, whatever the cache backend.
"""
