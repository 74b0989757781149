#!/usr/bin/env bash
# The README's two commands: ./warehouse.sh run | ./warehouse.sh test (any scripts/cli.py command works). Creates .venv
# from the lock on first use.
set -euo pipefail
cd "$(dirname "$0")"
python_bin=$(command -v python3.11 || command -v python3)
# Debian packages the tests need: chromium (browser tests, dashboard screenshots; CJK fonts for the Chinese KPI
# names) and PostgreSQL 15 (the portability test's throwaway cluster).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-noto-cjk)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian's ${missing[*]} for the tests ..."
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "warning: missing Debian packages for the tests: ${missing[*]} (apt-get install them)" >&2
    fi
fi
if [ ! -x .venv/bin/python ] || ! cmp -s requirements.lock .venv/installed.lock; then
    echo "Setting up .venv from requirements.lock ..."
    "$python_bin" -m venv .venv
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
    cp requirements.lock .venv/installed.lock
fi
exec .venv/bin/python -m scripts.cli "$@"
