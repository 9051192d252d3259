"""Reference data about places, shared by every stage that reads place names (read-only)."""
