"""Developer tooling: the demo archive and its loader, throwaway search nodes, the benchmarks and the
production stack on loopback for the ops tests.

A Django app installed by the dev and test settings only (``portal.settings.dev``, ``.test``), never by
production; nothing the running site imports may import it (tests/portal/test_runtime_without_dev.py).
"""
