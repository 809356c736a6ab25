#!/usr/bin/python3
"""Run the Python original of every torch example (compat-tests/examples/002/*.py) with real
PyTorch 1.13 and judge its output against the document's text exactly as the conformance runner
judges the TypeScript port: same comparison code, same deviations.ts.

A pass proves the document-to-expected deviations are exactly what separates the document's old
PyTorch release from 1.13 (run.ts also fails a deviation that matches nothing or is not needed).

    /usr/bin/python3 compat-tests/verify_torch_examples.py      (Debian's python3-torch 1.13)
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# the torch seed documents and the torch differential suite; 000 and 001 are OneFlow, not
# installable here
SEEDS = ["002", "torch"]


def main() -> int:
    try:
        import torch
    except ImportError:
        print("PyTorch is not importable; run this with /usr/bin/python3 (apt python3-torch)", file=sys.stderr)
        return 2
    if not torch.__version__.startswith("1.13"):
        print(f"expected PyTorch 1.13, found {torch.__version__}", file=sys.stderr)
        return 2
    print(f"PyTorch {torch.__version__}, Python {sys.version.split()[0]}")

    with tempfile.TemporaryDirectory() as out:
        for seed in SEEDS:
            (Path(out) / seed).mkdir()
            for py in sorted((HERE / "examples" / seed).glob("*.py")):
                # Same interpreter, fresh process per example, as run.ts does for the ports.
                r = subprocess.run(
                    [sys.executable, py.name],
                    cwd=py.parent,
                    capture_output=True,
                    timeout=300,
                    env={**os.environ, "PYTHONIOENCODING": "utf-8"},
                )
                base = Path(out) / seed / py.stem
                base.with_suffix(".stdout").write_bytes(r.stdout)
                base.with_suffix(".stderr").write_bytes(r.stderr)
                base.with_suffix(".code").write_text(str(r.returncode))
        tsx = ROOT / "node_modules" / ".bin" / "tsx"
        filters = [f"{seed}/" for seed in SEEDS]
        return subprocess.run([str(tsx), str(HERE / "run.ts"), "--outputs-from", out, *filters], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
