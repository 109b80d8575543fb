"""Runs every example of docs/analysis.md and checks the output the document shows.

    python docs/analysis.py IMR [--bless]

IMR is the `imr` binary. The script exports the three tables of the data set named in the
document (the `imr export` line of its first `sh` block) to Parquet in a temporary folder, then,
in that folder, runs each `sql` block with DuckDB and each `python` block (all in one namespace,
in order, as a reader pasting them would) and compares what it prints with the `text` block that
follows. With --bless it writes the outputs into the document instead (review the diff).
Needs duckdb, pandas and pyarrow (docs/requirements.txt); .ci/run installs them in a venv.
"""

import contextlib
import io
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

import duckdb

DOC = pathlib.Path(__file__).resolve().parent / "analysis.md"
ROOT = DOC.parent.parent
BLOCK = re.compile(r"```(\w+)\n(.*?)```\n", re.S)


def export(imr: str, command: str, into: pathlib.Path) -> None:
    """Runs the document's `imr export` lines (one per table) from the repository's root."""
    for line in command.splitlines():
        args = shlex.split(line)
        if not args or args[0] != "imr":
            continue
        # The globs are expanded here as the shell would.
        expanded = []
        for a in args[1:]:
            matches = sorted(ROOT.glob(a)) if "*" in a else []
            expanded += [str(m.relative_to(ROOT)) for m in matches] or [a]
        expanded = [str(into / a) if a.endswith(".parquet") else a for a in expanded]
        subprocess.run([imr, *expanded], cwd=ROOT, check=True)


def run_sql(query: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        duckdb.sql(query).show(max_width=100, max_rows=40)
    return out.getvalue()


def run_python(code: str, namespace: dict) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "analysis.md", "exec"), namespace)
    return out.getvalue()


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    imr, bless = os.path.abspath(sys.argv[1]), "--bless" in sys.argv[2:]
    text = DOC.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    failures, replacements, ran = [], [], 0
    namespace: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        setup = next(b for b in blocks if b[1] == "sh")
        export(imr, setup[2], folder)
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            for i, block in enumerate(blocks):
                lang, code = block[1], block[2]
                if lang not in ("sql", "python"):
                    continue
                following = blocks[i + 1] if i + 1 < len(blocks) else None
                if following is None or following[1] != "text":
                    failures.append(f"the {lang} block at offset {block.start()} has no text block after it")
                    continue
                got = run_sql(code) if lang == "sql" else run_python(code, namespace)
                ran += 1
                if got != following[2]:
                    replacements.append((following.start(2), following.end(2), got))
                    failures.append(f"--- {lang} block:\n{code}--- shows:\n{following[2]}--- prints:\n{got}")
        finally:
            os.chdir(cwd)
    if bless:
        for start, end, got in reversed(replacements):
            text = text[:start] + got + text[end:]
        DOC.write_text(text, encoding="utf-8")
        print(f"docs/analysis.md: {ran} examples run, {len(replacements)} outputs rewritten")
        return 0
    for f in failures:
        print(f, file=sys.stderr)
    print(f"docs/analysis.md: {ran} examples run, {len(failures)} failed")
    return 1 if failures or ran == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
