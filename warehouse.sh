#!/usr/bin/env bash
# The README's two commands: ./warehouse.sh build | ./warehouse.sh test. Creates .venv from the lock on first use.
set -euo pipefail
cd "$(dirname "$0")"
python_bin=$(command -v python3.11 || command -v python3)
if [ ! -x .venv/bin/python ] || ! cmp -s requirements.lock .venv/installed.lock; then
    echo "Setting up .venv from requirements.lock ..."
    "$python_bin" -m venv .venv
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
    cp requirements.lock .venv/installed.lock
fi
exec .venv/bin/python -m scripts.cli "$@"
