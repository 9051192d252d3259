"""Parallax dashboard: `streamlit run app.py` (the UI lives in the dashboard package)."""

from dashboard.app import main

main()
