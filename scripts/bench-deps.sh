#!/usr/bin/env bash
# System packages the benchmarks need: ApacheBench (`ab`, Debian's apache2-utils), the
# compiled load generator of `python -m bench.throughput` (a Python one would share the
# two cores with the servers it measures and swing with them). Installs what is missing
# when running as root on Debian; anywhere else names what is missing and fails.
set -euo pipefail
# shellcheck source=scripts/system-packages.sh
source "$(dirname "$0")/system-packages.sh"

missing() {
    local packages=()
    command -v ab >/dev/null 2>&1 || packages+=(apache2-utils)
    echo "${packages[@]}"
}

explain() {
    case "$1" in
        apache2-utils) echo "  apache2-utils: no 'ab' (ApacheBench) on PATH" ;;
    esac
}

ensure_packages bench-deps "ApacheBench is installed ($(command -v ab || true))"
