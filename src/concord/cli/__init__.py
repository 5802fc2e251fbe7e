"""The ``concord`` command line."""
