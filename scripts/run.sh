#!/usr/bin/env bash
# Set up and open the dashboard on the demo corpus in seeds/ (or $PARALLAX_DB).
# Extra arguments go to streamlit, e.g. --server.address 0.0.0.0 to share it (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
# Build the demo workspace (or regroup stories an older clusterer made) before the
# server starts, so the first page shows the story list at once.
.venv/bin/python -m dashboard.worker --prepare
# The background worker (uploads, comparisons ahead of time); it exits with the server
# ($$ stays the server's process id through exec).
.venv/bin/python -m dashboard.worker --parent $$ --log &
exec .venv/bin/streamlit run app.py "$@"
