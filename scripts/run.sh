#!/usr/bin/env bash
# Set up and open the dashboard on the demo corpus in seeds/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
exec .venv/bin/streamlit run app.py "$@"
