#!/usr/bin/env bash
# Set up (pinned requirements + test tools) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt
# The dashboard's browser test drives Debian's chromium (never a downloaded browser).
# Install it (and a small CJK font, so screenshots show Chinese) when missing and we
# can; otherwise that test skips and says why.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei; }; } \
    >/dev/null 2>&1 || echo "note: could not install chromium; the browser test will skip" >&2
fi
.venv/bin/ruff check .
exec .venv/bin/python -m pytest -q "$@"
