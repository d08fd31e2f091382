"""Everything that writes the user's files: atomic writes with locks, new reports,
round-trip edits, form imports, a drafted plan as YAML, a new project, PDF, mail.

Every write goes through :mod:`.fileio` (a temporary file, fsync, rename; nothing
overwritten without ``force``; a set of files all or nothing). Submodules are
imported on use.
"""
