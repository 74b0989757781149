#!/usr/bin/env bash
# The README's two commands: ./warehouse.sh run | ./warehouse.sh test (any scripts/cli.py command works). Creates .venv
# from the lock on first use.
set -euo pipefail
cd "$(dirname "$0")"
python_bin=$(command -v python3.11 || command -v python3)
# Browser tests and dashboard screenshots need Debian's chromium (and CJK fonts for the Chinese KPI names).
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian's chromium for the browser tests ..."
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
    else
        echo "warning: chromium is missing; install Debian's chromium (apt-get install chromium) for the browser tests" >&2
    fi
fi
if [ ! -x .venv/bin/python ] || ! cmp -s requirements.lock .venv/installed.lock; then
    echo "Setting up .venv from requirements.lock ..."
    "$python_bin" -m venv .venv
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
    cp requirements.lock .venv/installed.lock
fi
exec .venv/bin/python -m scripts.cli "$@"
