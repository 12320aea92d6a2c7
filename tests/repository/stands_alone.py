#!/usr/bin/env python3
"""A clone of the repository must build, test and run with nothing beside it. This fails when
any file the product, its build or its tests use names a path outside the repository: the
workplace's ../shared folder, an absolute path of a developer's machine, or a relative path that
climbs above the repository's root (counted from the file's own folder, or from the root where
the path starts at a root variable such as ${PROJECT_SOURCE_DIR} or $ROOT).

  stands_alone.py REPO_ROOT     exit 1 and list every offending line
"""
import os
import re
import subprocess
import sys

# Prose for people (docs, READMEs) may point anywhere; everything else is read by a program.
SKIP_DIRS = {"docs", ".git"}
SKIP_SUFFIXES = (".md", ".png", ".svg", ".safetensors", ".ts", ".qm")
FORBIDDEN = [
    (re.compile(r"\.\.[/\\]shared\b"), "names ../shared, which only a developer's workplace has"),
    (re.compile(r"(?<![\w.$}])/work/"), "names an absolute path of a developer's machine"),
]
SELF = "tests/repository/stands_alone.py"  # its patterns name what they look for
ROOT_VARIABLE = re.compile(r"\$\{?(?:PROJECT_SOURCE_DIR|CMAKE_SOURCE_DIR|ROOT|REPO_ROOT)\}?\"?/\.\.(?:/|\"|\s|$)")
RELATIVE_CLIMB = re.compile(r"(?<![\w.])((?:\.\./)+)|((?:[\"']\.\.[\"']\s*,\s*)+)")


def tracked_files(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z"], capture_output=True, check=True).stdout
        return [f for f in out.decode().split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for d, dirs, names in os.walk(root):
            dirs[:] = [x for x in dirs if not x.startswith(".") or x == ".ci"]
            files += [os.path.relpath(os.path.join(d, n), root) for n in names]
        return files


def problems_in(root, rel):
    parts = rel.split("/")
    if parts[0] in SKIP_DIRS or rel.endswith(SKIP_SUFFIXES) or rel == SELF:
        return []
    try:
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (UnicodeDecodeError, OSError):
        return []
    depth = len(parts) - 1
    found = []
    for n, line in enumerate(lines, 1):
        for pattern, why in FORBIDDEN:
            if pattern.search(line):
                found.append(f"{rel}:{n}: {why}: {line.strip()}")
        if ROOT_VARIABLE.search(line):
            found.append(f"{rel}:{n}: climbs above the repository's root: {line.strip()}")
        for m in RELATIVE_CLIMB.finditer(line):
            climbs = m.group(1).count("../") if m.group(1) else m.group(2).count("..")
            if climbs > depth:
                found.append(f"{rel}:{n}: climbs {climbs} folders from {os.path.dirname(rel) or '.'}/, above the "
                             f"repository's root: {line.strip()}")
    return found


def main():
    root = os.path.abspath(sys.argv[1])
    problems = [p for rel in tracked_files(root) for p in problems_in(root, rel)]
    for p in problems:
        print(p)
    print(f"{len(problems)} path(s) outside the repository")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
