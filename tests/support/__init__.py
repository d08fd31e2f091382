"""Test support files: real-tool helpers (office.py), the 公文 fontconfig aliases (fonts.conf)
and the system package installer run by `make system-deps` (system-deps.sh)."""
