"""scripts/mutation-check breaks rules by replacing exact pieces of code: a piece that
has moved or changed makes its mutant unusable. Running the check takes many minutes;
this test sees at once that every mutant still names code that is there, once."""

import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def mutants() -> list[tuple[str, str, str, str]]:
    loader = importlib.machinery.SourceFileLoader(
        "mutation_check", str(ROOT / "scripts/mutation-check")
    )
    spec = importlib.util.spec_from_loader("mutation_check", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module.MUTANTS


@pytest.mark.parametrize(("description", "path", "original", "mutated"), mutants())
def test_every_mutant_breaks_code_that_is_there(description, path, original, mutated):
    source = (ROOT / path).read_text()
    assert source.count(original) == 1, f"{description}: not found once in {path}"
    assert mutated != original
