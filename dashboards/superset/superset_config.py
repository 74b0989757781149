"""Superset settings for the warehouse's local, read-only dashboards (loaded through SUPERSET_CONFIG_PATH).

scripts/dashboards.py sets DASHBOARDS_HOME (Superset's own metadata lives there) and SUPERSET_SECRET_KEY.
"""

import os

_home = os.environ["DASHBOARDS_HOME"]

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_home}/superset.db"
DATA_DIR = _home

# Anyone who can reach the local server may look at the dashboards without logging in (the Public role gets
# Gamma's read permissions plus access to the warehouse datasets); nobody anonymous can edit.
AUTH_ROLE_PUBLIC = "Public"
PUBLIC_ROLE_LIKE = "Gamma"

# One local process, no Redis or Celery: no caches, no thumbnails, no alerts.
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = CACHE_CONFIG
FILTER_STATE_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache"}
EXPLORE_FORM_DATA_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache"}
# Every chart renders at once, not only those scrolled into view (screenshots and the browser test see them all).
FEATURE_FLAGS = {"THUMBNAILS": False, "ALERT_REPORTS": False, "DASHBOARD_VIRTUALIZATION": False}
TALISMAN_ENABLED = False
CONTENT_SECURITY_POLICY_WARNING = False
# Served on localhost only: compressing the multi-megabyte front-end on every request costs more than it saves.
COMPRESS_REGISTER = False
