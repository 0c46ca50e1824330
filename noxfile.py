"""Sessions for building, testing and linting guidegen: `nox -l` lists them."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_venv = "yes"
nox.options.default_venv_backend = "venv"


@nox.session
def build(session: nox.Session) -> None:
    """Install guidegen and build every edition of every guide in content/ into output/."""
    session.install("-e", ".")
    session.run("guidegen", "build", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite (real WeasyPrint renders, EPUBCheck and real readers on the EPUBs)."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def quick(session: nox.Session) -> None:
    """Run the tests a developer runs often: all but EPUBCheck, readers, fuzzing, big builds, installs."""
    session.install("-e", ".[test]")
    session.run("pytest", "-m", "not slow", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check the code with ruff, its types with mypy (strict) and its layers with import-linter."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", "src", "tests", "benchmarks", "noxfile.py")
    session.run("mypy")
    session.run("lint-imports")


@nox.session
def bench(session: nox.Session) -> None:
    """Time cold and warm builds against a naive WeasyPrint script; writes benchmarks/RESULTS.md."""
    session.install("-e", ".")
    session.run("python", "benchmarks/run.py", *session.posargs)
