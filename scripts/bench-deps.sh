#!/usr/bin/env bash
# System packages the benchmarks need: ApacheBench (`ab`, Debian's apache2-utils), the
# compiled load generator of `python -m bench.throughput` (a Python one would share the
# two cores with the servers it measures and swing with them). Installs what is missing
# when running as root on Debian; anywhere else names what is missing and fails.
set -euo pipefail

missing() {
    local packages=()
    command -v ab >/dev/null 2>&1 || packages+=(apache2-utils)
    echo "${packages[@]}"
}

need="$(missing)"
if [ -z "$need" ]; then
    echo "bench-deps: ApacheBench is installed ($(command -v ab))"
    exit 0
fi

if [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ]; then
    echo "bench-deps: installing $need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086  # word splitting intended: a list of package names
    apt-get install -y -qq --no-install-recommends $need
    still="$(missing)"
    if [ -n "$still" ]; then
        echo "bench-deps: still missing after apt-get install: $still" >&2
        exit 1
    fi
    echo "bench-deps: installed $need"
    exit 0
fi

echo "bench-deps: missing system packages: $need" >&2
for package in $need; do
    case "$package" in
        apache2-utils) echo "  apache2-utils: no 'ab' (ApacheBench) on PATH" >&2 ;;
    esac
done
echo "Install them (Debian: apt-get install -y $need) or run as root on Debian." >&2
exit 1
