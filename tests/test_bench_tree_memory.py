"""The bench's peak memory of a build counts its child processes (bench/tree_memory.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench.tree_memory import TreePeak, tree_pss_mb

HOLD = ("import sys, time; block = bytearray(160 * 1024 * 1024); print('ready', flush=True); "
        "sys.stdin.read()")


def test_a_child_holding_memory_counts_in_the_tree_and_its_peak() -> None:
    alone = tree_pss_mb(os.getpid())
    with TreePeak(interval=0.01) as peak:
        child = subprocess.Popen([sys.executable, "-c", HOLD], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        holding = tree_pss_mb(os.getpid())
        time.sleep(0.1)
        child.communicate("")
    assert holding - alone > 140  # bytearray pages are written: resident, private
    assert peak.mb >= holding - 20 and peak.mb > alone + 140
    assert tree_pss_mb(os.getpid()) < alone + 60  # the child's share is gone with it
