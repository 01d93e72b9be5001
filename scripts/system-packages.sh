# Sourced by test-deps.sh and bench-deps.sh: install what the caller's `missing` function
# names (Debian package names) when running as root on Debian; anywhere else print the
# caller's `explain PACKAGE` for each and fail. Usage: ensure_packages LABEL OK_MESSAGE
ensure_packages() {
    local label="$1" ok_message="$2" need still package
    need="$(missing)"
    if [ -z "$need" ]; then
        echo "$label: $ok_message"
        return 0
    fi
    if [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ]; then
        echo "$label: installing $need"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # shellcheck disable=SC2086  # word splitting intended: a list of package names
        apt-get install -y -qq $need
        still="$(missing)"
        if [ -n "$still" ]; then
            echo "$label: still missing after apt-get install: $still" >&2
            return 1
        fi
        echo "$label: installed $need"
        return 0
    fi
    echo "$label: missing system packages: $need" >&2
    for package in $need; do
        explain "$package" >&2
    done
    echo "Install them (Debian: apt-get install -y $need) or run as root on Debian." >&2
    return 1
}
