"""Dashboard stage: the Streamlit app (``streamlit run app.py``) over one workspace store.

The page (``dashboard.app``, sidebar and panels in ``dashboard.panels``) only reads the store
and makes small edits; ingest, embedding, grouping and comparisons run as jobs of one
background worker process (``dashboard.jobs``, ``dashboard.worker``). ``dashboard.workspace``
says which store is opened ($PARALLAX_DB, else data/parallax.db in this repository, as every
command: ``data_paths``) and fills an empty one with
the demo corpus in ``seeds/``.
"""
