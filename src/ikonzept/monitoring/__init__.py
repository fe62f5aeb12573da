"""Monitoring and controlling: indicators, their ratings, the report between editions."""
