"""Document -> event reports: triggers, roles, claims, dates, places, casualties."""
