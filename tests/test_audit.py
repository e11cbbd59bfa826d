"""scripts/audit_dependencies.py reads pip-audit's report: a known vulnerability fails."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def test_a_known_vulnerability_fails_and_is_named():
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "4.2.0",
                "vulns": [{"id": "PYSEC-2023-61", "fix_versions": ["4.2.1"]}],
            },
            {"name": "nh3", "version": "0.3.0", "vulns": []},
        ]
    }
    code, lines = audit.summarise(report)
    assert code == 1
    assert "VULNERABLE django 4.2.0: PYSEC-2023-61 (fixed in 4.2.1)" in lines
    assert lines[-1].startswith("pip-audit: 2 of 2 locked packages audited, 1 with")


def test_nothing_audited_is_said_loudly():
    report = {"dependencies": [{"name": "django", "skip_reason": "not found"}]}
    code, lines = audit.summarise(report)
    assert code == 2
    assert lines[-1].startswith("NOT AUDITED")


def test_all_audited_and_clean_passes():
    report = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
    assert audit.summarise(report)[0] == 0
