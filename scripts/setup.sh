#!/usr/bin/env bash
# Create .venv and install the pinned requirements (idempotent: a second run is quick).
set -euo pipefail
cd "$(dirname "$0")/.."
req=${1:-requirements.txt}
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=.venv/.installed-$(cat requirements*.txt constraints.txt | sha1sum | cut -c1-12)-$(basename "$req")
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -r "$req" -c constraints.txt
  touch "$stamp"
fi
