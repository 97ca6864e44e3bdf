#!/usr/bin/env python3
"""README.md's screen captures are those of the whole-screen tests.

A capture in README.md is a comment naming it, then a fenced block:

    <!-- screen: home-100x24-en -->
    ```
    ...the screen...
    ```

and the block must hold tests/screens/home-100x24-en.txt, which
tests/e2e/screens.sh checks against the program (tests/screens/captures
says how each is made). Without arguments: prints a diff and exits 1 when
a block differs from its capture, or names one that does not exist. With
--update: rewrites the blocks from the captures (make screens-update).

Usage: scripts/readme-screens.py [--update] [README]
"""
import difflib
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
MARK = re.compile(r"^<!-- screen: ([A-Za-z0-9@._-]+) -->$")


def main(argv):
    update = "--update" in argv
    paths = [a for a in argv if a != "--update"]
    readme = paths[0] if paths else os.path.join(ROOT, "README.md")
    lines = open(readme, encoding="utf-8").read().split("\n")
    out, faults, n, i = [], [], 0, 0
    while i < len(lines):
        out.append(lines[i])
        m = MARK.match(lines[i])
        i += 1
        if not m:
            continue
        name = m.group(1)
        if i >= len(lines) or not lines[i].startswith("```"):
            faults.append(f"{readme}:{i}: the capture {name} is not followed by a ``` block")
            continue
        end = i + 1
        while end < len(lines) and lines[end] != "```":
            end += 1
        if end == len(lines):
            faults.append(f"{readme}:{i + 1}: the block of {name} does not end")
            break
        capture = os.path.join(ROOT, "tests", "screens", name + ".txt")
        if not os.path.exists(capture):
            faults.append(f"{readme}:{i}: no capture {name} (tests/screens/{name}.txt)")
            out.extend(lines[i:end + 1])
            i = end + 1
            continue
        want = open(capture, encoding="utf-8").read().rstrip("\n").split("\n")
        have = lines[i + 1:end]
        n += 1
        if have != want and not update:
            faults.append(f"{readme}:{i + 2}: the screen {name} is not its capture:\n" +
                          "\n".join(difflib.unified_diff(want, have, f"tests/screens/{name}.txt",
                                                         f"README.md ({name})", lineterm="")))
        out.append(lines[i])
        out.extend(want if update else have)
        out.append("```")
        i = end + 1
    if update:
        text = "\n".join(out)
        if text != "\n".join(lines):
            with open(readme, "w", encoding="utf-8") as f:
                f.write(text)
    for fault in faults:
        print("readme-screens: " + fault, file=sys.stderr)
    if faults:
        print("readme-screens: make screens-update rewrites them", file=sys.stderr)
        return 1
    print(f"readme-screens: {n} captures in {os.path.relpath(readme)}" + (" written" if update else " match"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
