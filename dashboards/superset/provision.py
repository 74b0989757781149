"""Loads the dashboards bundle into Superset's metadata (run by scripts/dashboards.py with the Superset venv).

Usage: python provision.py BUNDLE.zip   (after `superset db upgrade` and `superset init`)
The bundle is Superset's own export format (databases, datasets, charts, dashboards as YAML), written by
scripts/dashboards.py from dashboards/dashboards.yml.
"""

from __future__ import annotations

import secrets
import sys
from zipfile import ZipFile

from flask import g
from superset.app import create_app

# Superset's models and commands can only be imported once the app exists.
app = create_app()

from superset import db, security_manager  # noqa: E402
from superset.commands.dashboard.importers.dispatcher import ImportDashboardsCommand  # noqa: E402
from superset.commands.importers.v1.utils import get_contents_from_bundle  # noqa: E402

OWNER = "warehouse"


def _owner():
    """The account that owns the imported objects; nobody logs in with it (its password is thrown away)."""
    user = security_manager.find_user(username=OWNER)
    if user is None:
        user = security_manager.add_user(
            OWNER,
            "Warehouse",
            "Build",
            "warehouse@localhost",
            security_manager.find_role("Admin"),
            password=secrets.token_urlsafe(24),
        )
    return user


def _grant_public_read() -> None:
    """Anonymous viewers may read every dataset of the warehouse database (Gamma alone grants no data)."""
    permission = security_manager.find_permission_view_menu("all_datasource_access", "all_datasource_access")
    public = security_manager.find_role("Public")
    if permission not in public.permissions:
        security_manager.add_permission_role(public, permission)


def main(bundle_path: str) -> int:
    with app.app_context():
        g.user = _owner()
        with ZipFile(bundle_path) as bundle:
            contents = get_contents_from_bundle(bundle)
        ImportDashboardsCommand(contents, overwrite=True).run()
        _grant_public_read()
        db.session.commit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
