"""The build pipeline: what is out of date (freshness.py), loading, rendering every stale edition
and the catalogue (build.py), and writing them all at once under the output folder's lock (lock.py)."""
