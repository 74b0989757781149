"""Adapters that turn real, public call-centre data sets into the raw extract contract."""
