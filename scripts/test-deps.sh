#!/usr/bin/env bash
# System packages the test suite needs: PostgreSQL server binaries (scripts/with-postgres.sh),
# Chromium (browser tests) and Python's venv module. Installs what is missing when running
# as root on Debian; anywhere else names what is missing and fails.
set -euo pipefail
# shellcheck source=scripts/system-packages.sh
source "$(dirname "$0")/system-packages.sh"

missing() {
    local packages=()
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || packages+=(postgresql)
    [ -x /usr/bin/chromium ] || packages+=(chromium)
    python3 -c "import ensurepip, venv" >/dev/null 2>&1 || packages+=(python3-venv)
    echo "${packages[@]}"
}

explain() {
    case "$1" in
        postgresql) echo "  postgresql: no /usr/lib/postgresql/*/bin/initdb" ;;
        chromium) echo "  chromium: no /usr/bin/chromium" ;;
        python3-venv) echo "  python3-venv: python3 cannot create virtual environments" ;;
    esac
}

ensure_packages test-deps "postgresql, chromium and python3-venv are installed"
