"""Views: ready-made data for a reader, one view per document. Pure: no clock, no disk.

Each module builds one document's view from the plan, the reports and the
engine's :class:`~jianyian.engine.Progress`: status, plan, the briefing, the
ledger, the dashboard, reminders, the scorecard and the fill-in form. One view
feeds every format of its document; views never compute a light or a streak of
their own. Submodules are imported on use, so that a command loads only what it needs.
"""
