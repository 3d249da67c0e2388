"""Helpers the test modules and fixtures share (importable as ``tests.support``).

The fixtures built on them live in ``tests/conftest.py``; its docstring lists them.
"""
