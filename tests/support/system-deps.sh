#!/usr/bin/env bash
# Installs the Debian packages the rendering tests need (LibreOffice headless, CJK fonts,
# poppler, Chromium) and libfaketime for `make test-dates`, run by `make system-deps` before
# every `make test`.
#
# - Everything present: one line, no apt-get at all (so repeated runs cost ~0.1 s).
# - Something missing, root with apt-get: apt-get update + install, non-interactive; if that
#   fails or the tools are still missing afterwards, exit non-zero (the build must not go on
#   and then "pass" by skipping).
# - Something missing, not root or no apt-get: one line saying what is missing, exit 0.
#   tests/support/office.py then skips those tests loudly, or fails them when CI=true.
set -euo pipefail

PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-arphic-ukai poppler-utils chromium fontconfig faketime)

missing_tools() {
    local missing=()
    command -v soffice >/dev/null 2>&1 || missing+=(soffice)
    command -v pdftotext >/dev/null 2>&1 || missing+=(pdftotext)
    command -v pdftoppm >/dev/null 2>&1 || missing+=(pdftoppm)
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v faketime >/dev/null 2>&1 || missing+=(faketime)
    if ! command -v fc-list >/dev/null 2>&1; then
        missing+=(fc-list)
    else
        # Both families: the 公文 font aliases map 仿宋/宋体/楷体 to Serif and 黑体 to Sans.
        local families
        families=$(fc-list : family 2>/dev/null || true)
        grep -q 'Noto Sans CJK' <<<"$families" || missing+=("'Noto Sans CJK' font")
        grep -q 'Noto Serif CJK' <<<"$families" || missing+=("'Noto Serif CJK' font")
        # 楷体 (按语, （一） headings) maps to AR PL UKai CN: the PDF tells the three roles apart.
        grep -q 'AR PL UKai' <<<"$families" || missing+=("'AR PL UKai CN' font")
    fi
    echo "${missing[*]}"
}

missing=$(missing_tools)
if [[ -z "$missing" ]]; then
    echo "system-deps: LibreOffice, poppler, Chromium, faketime and Noto CJK fonts present; nothing to install"
    exit 0
fi

if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: missing ${missing}; cannot install (needs root and apt-get):" \
        "LibreOffice/Chromium/CJK rendering tests will be SKIPPED (and FAIL under CI=true)." \
        "Install: apt-get install --no-install-recommends ${PACKAGES[*]}"
    exit 0
fi

echo "system-deps: missing ${missing}; installing ${PACKAGES[*]}"
export DEBIAN_FRONTEND=noninteractive
# Wait for a concurrent apt/dpkg run instead of failing on its lock.
APT_OPTS=(-o DPkg::Lock::Timeout=900 -o Dpkg::Use-Pty=0)
if ! apt-get "${APT_OPTS[@]}" update -qq \
    || ! apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends "${PACKAGES[@]}"; then
    echo "system-deps: ERROR: apt-get failed to install ${PACKAGES[*]}" >&2
    exit 1
fi

missing=$(missing_tools)
if [[ -n "$missing" ]]; then
    echo "system-deps: ERROR: still missing after apt-get install: ${missing}" >&2
    exit 1
fi
echo "system-deps: installed ${PACKAGES[*]}"
