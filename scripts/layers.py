#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The include rule of gavel (docs/ARCHITECTURE.md), checked.

Layers, from the bottom: core/base, store, core, sync, tui. A file may
include a header of its own layer or of one below, never above; core/base
includes nothing of gavel but core/base. Neither folders nor modules (a .c
and its .h) may include each other in a circle. No exceptions: a file that
breaks the rule fails the check.

Usage: scripts/layers.py [ROOT]   (exit 1 and one line per fault)
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
LAYERS = ["core/base", "store", "core", "sync", "tui"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer(path):
    for rank, top in sorted(enumerate(LAYERS), key=lambda x: -len(x[1])):
        if path == top or path.startswith(top + "/"):
            return rank, top
    return None, None


def sources():
    for top in ("core", "store", "sync", "tui"):
        for d, _, files in os.walk(os.path.join(ROOT, top)):
            for f in sorted(files):
                if f.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(d, f), ROOT)


def cycles(graph):
    """Every strongly connected part of more than one node (Tarjan)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                out.append(sorted(part))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


# what the interface may not call in the store: every change goes through core
STORE_WRITE = re.compile(r"\bstore_[a-z_]*_(add|set|delete|update|ensure|move|remove|insert|put|clear)\s*\(")
CODE = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\])*\"", re.S)

faults = []
folders, modules = {}, {}
for src in sources():
    text = open(os.path.join(ROOT, src), encoding="utf-8").read()
    rank, _ = layer(src)
    if src.startswith("tui/"):
        for m in STORE_WRITE.finditer(CODE.sub("", text)):
            faults.append(f"{src}: calls {m.group(0).rstrip('( ')}: the interface changes the council only through core")
    for inc in INCLUDE.findall(text):
        if inc.startswith("tests/"):
            faults.append(f"{src}: includes {inc}: the product never includes test code")
            continue
        if not os.path.exists(os.path.join(ROOT, inc)):
            continue  # a generated header or one of the system's
        irank, itop = layer(inc)
        if irank is None:
            continue
        if rank == 0 and irank != 0:
            faults.append(f"{src}: includes {inc}: core/base includes nothing else of gavel")
        elif irank > rank:
            faults.append(f"{src}: includes {inc}: {LAYERS[rank]} is below {itop}")
        a, b = os.path.dirname(src), os.path.dirname(inc)
        if a != b:
            folders.setdefault(a, set()).add(b)
        ma, mb = os.path.splitext(src)[0], os.path.splitext(inc)[0]
        if ma != mb:
            modules.setdefault(ma, set()).add(mb)

for part in cycles(folders):
    faults.append("folders include each other in a circle: " + " -> ".join(part))
for part in cycles(modules):
    faults.append("modules include each other in a circle: " + " -> ".join(part))

for f in faults:
    print("layers: " + f)
sys.exit(1 if faults else 0)
