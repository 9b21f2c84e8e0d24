"""gunicorn's settings for `make run` and production (`gunicorn -c gunicorn.conf.py registry.wsgi`).

Chosen from measurements on the 2-core machine (bench/load.py: 50 clients for 60 s, the page cache
on, an import of order 209 in the middle; numbers in bench/README.md): 2 gthread workers of 4
threads answered 18,208 requests with p95 467 ms and p99 1.5 s, where 3 sync workers answered
4,733 with p95 1.1 s and p99 5.1 s, both with no error. Most answers are cache hits and static
files that wait on sockets and the database more than they compute, and threads overlap those
waits while a sync worker sits idle in them; one worker per core keeps the CPU work parallel.
Override with GUNICORN_WORKERS / GUNICORN_THREADS (GUNICORN_THREADS=1: sync workers).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = 30  # a page takes milliseconds; a worker stuck this long is restarted
graceful_timeout = 30
accesslog = "-"


def post_worker_init(worker):
    """Move everything the worker holds once the application is loaded (Django, the URL
    resolvers, the translations) out of the garbage collector's sight: its full collections
    walked all of it again and again while a page allocated its thousands of short-lived objects
    (about a tenth of a card page's CPU, measured in-process)."""
    import gc

    gc.collect()
    gc.freeze()
