#!/usr/bin/env bash
# System packages the test suite needs: PostgreSQL server binaries (scripts/with-postgres.sh),
# Chromium (browser tests) and Python's venv module. Installs what is missing when running
# as root on Debian; anywhere else names what is missing and fails.
set -euo pipefail

missing() {
    local packages=()
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || packages+=(postgresql)
    [ -x /usr/bin/chromium ] || packages+=(chromium)
    python3 -c "import ensurepip, venv" >/dev/null 2>&1 || packages+=(python3-venv)
    echo "${packages[@]}"
}

need="$(missing)"
if [ -z "$need" ]; then
    echo "test-deps: postgresql, chromium and python3-venv are installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ]; then
    echo "test-deps: installing $need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086  # word splitting intended: a list of package names
    apt-get install -y -qq $need
    still="$(missing)"
    if [ -n "$still" ]; then
        echo "test-deps: still missing after apt-get install: $still" >&2
        exit 1
    fi
    echo "test-deps: installed $need"
    exit 0
fi

echo "test-deps: missing system packages: $need" >&2
for package in $need; do
    case "$package" in
        postgresql) echo "  postgresql: no /usr/lib/postgresql/*/bin/initdb" >&2 ;;
        chromium) echo "  chromium: no /usr/bin/chromium" >&2 ;;
        python3-venv) echo "  python3-venv: python3 cannot create virtual environments" >&2 ;;
    esac
done
echo "Install them (Debian: apt-get install -y $need) or run as root on Debian." >&2
exit 1
