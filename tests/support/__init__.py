"""Test support files: real-tool helpers (office.py), a Chromium over the DevTools protocol
(cdp.py), page checkers the project did not write (pagecheck.py: axe-core, html-validate, the
W3C Nu validator, pinned in js/ and installed by `make js-deps`), the 公文 fontconfig aliases
(fonts.conf) and the system package installer run by `make system-deps` (system-deps.sh)."""
