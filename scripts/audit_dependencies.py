"""Check the locked dependencies for known vulnerabilities with pip-audit.

    make audit                        # requirements/dev.txt (includes the app group)
    python scripts/audit_dependencies.py --strict requirements/app.txt

pip-audit looks every pinned version up in its vulnerability service (the PyPI JSON
API by default). Exit 1 when a locked version has a known vulnerability. A version
the service could not answer for is listed and counted; when it could answer for
none (no network, or an index without the per-version JSON API) the run says
"NOT AUDITED" and, with --strict, fails too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def summarise(report: dict) -> tuple[int, list[str]]:
    """(exit code, lines to print) for pip-audit's JSON report."""
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    lines = []
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            lines.append(
                f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} "
                f"(fixed in {fixed})"
            )
    for dependency in skipped:
        lines.append(f"skipped {dependency['name']}: {dependency['skip_reason']}")
    lines.append(
        f"pip-audit: {audited} of {len(dependencies)} locked packages audited, "
        f"{len(vulnerable)} with a known vulnerability, {len(skipped)} not audited."
    )
    if vulnerable:
        return 1, lines
    if dependencies and audited == 0:
        lines.append(
            "NOT AUDITED: the vulnerability service answered for no package "
            "(is https://pypi.org/pypi/<name>/<version>/json reachable?)."
        )
        return 2, lines
    return 0, lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("lock_file", nargs="?", default="requirements/dev.txt")
    parser.add_argument("--strict", action="store_true", help="fail when nothing could be audited")
    args = parser.parse_args()
    pip_audit = Path(sys.executable).with_name("pip-audit")
    result = subprocess.run(
        [
            str(pip_audit),
            "--requirement",
            args.lock_file,
            "--require-hashes",
            "--disable-pip",  # the lock is complete and hashed: nothing to resolve
            "--progress-spinner",
            "off",
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if not result.stdout.strip():
        print(result.stderr, file=sys.stderr)
        return result.returncode or 1
    code, lines = summarise(json.loads(result.stdout))
    print("\n".join(lines))
    if code == 2:
        return 1 if args.strict else 0
    return code


if __name__ == "__main__":
    sys.exit(main())
