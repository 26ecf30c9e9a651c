"""Shared fixtures: the repository root (tests run there, so document ids are the
paths the CLI prints) and the CLI binary the package is compared with."""

import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


def cli_path() -> str:
    path = os.environ.get("STANCEGRAPH_BIN") or str(REPO / "target" / "release" / "stancegraph")
    if not os.access(path, os.X_OK):
        pytest.fail(f"no stancegraph binary at {path}: build it (cargo build --release) or set STANCEGRAPH_BIN")
    return path


@pytest.fixture
def cli():
    """Runs the CLI from the repository root; returns stdout as text."""
    path = cli_path()

    def run(*args: str, ok=(0,)) -> str:
        done = subprocess.run([path, *args], cwd=REPO, capture_output=True, text=True)
        assert done.returncode in ok, f"stancegraph {' '.join(args)}: exit {done.returncode}\n{done.stderr}"
        return done.stdout

    return run


@pytest.fixture
def at_repo(monkeypatch):
    monkeypatch.chdir(REPO)
    return REPO
