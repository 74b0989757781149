"""Command-line tooling of the contact-centre KPI warehouse (entry point: python -m scripts.cli)."""
