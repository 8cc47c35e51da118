"""Rendering part of one build in a second, forked process, on a second core.

Why: `docgen build --format all` renders eight files one after the other; on a
2-core machine the PDFs (the heaviest files: layout, glyph subsets, compression)
can be drawn at the same time as the rest (issue 16: ≤ 0.40 s for a build of the
bundled report, 0.55 s at best when serial). The child is forked after the
content is loaded and checked and the fonts are prepared, so it shares all of
that without redoing it; it renders its share of the files in memory and hands
the bytes back through a pipe. It never writes a file: the parent writes all of
them together, as a serial build does (output.write_all).

The child is a helper, never the authority. If it fails in any way — an error
in its share (a missing glyph, a bug), killed, a short read — the parent renders
that share itself, so the error the user sees, and the files, are exactly a
serial build's.

Used only by a CLI build of one folder on a machine with more than one core: a
batch already keeps every core busy with whole folders, and `docgen watch` and
library callers may run builds in threads, where fork is unsafe.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any


def available() -> bool:
    """Whether a second process can help, safely: on Linux (where fork is the norm), from a
    process with one thread (a fork copies no other thread, so a lock another thread held, the
    import lock say, would stay locked in the child forever), allowed more than one core."""
    return sys.platform == "linux" and threading.active_count() == 1 and len(os.sched_getaffinity(0)) > 1


def run_split(here: Sequence[Callable[[], bytes]], there: Sequence[Callable[[], bytes]],
              state: Callable[[], Any], take_state: Callable[[Any], None]) -> tuple[list[bytes], list[bytes]]:
    """Run `there` in a forked child while this process runs `here`; return both results, in order.

    `state()` is called in the child after its jobs, and what it returns (picklable) is
    given to `take_state` here: what the child's rendering learnt that the build reports
    (characters set in the fallback font, page counts)."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:                                  # the child: render, hand back, leave without cleanup
        os.close(read_end)
        try:
            payload = pickle.dumps(([job() for job in there], state()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:                       # the parent renders this share again and reports it
            payload = b""
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)                             # no atexit handlers, no flushing the parent's buffers
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            local = [job() for job in here]
            payload = pipe.read()
    except BaseException:                           # an error here, or Ctrl-C: its work is of no use now
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        raise
    os.waitpid(child, 0)
    try:
        results, learnt = pickle.loads(payload)     # from our own child, through our own pipe
    except Exception:                               # empty (it failed) or cut short (it was killed)
        return local, [job() for job in there]
    take_state(learnt)
    return local, results
