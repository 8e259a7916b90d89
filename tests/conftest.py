"""Shared test fixtures: where the sample articles, the test data and the shared corpus are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample"
SAMPLE = SAMPLE_DIR / "North_Koreans_in_Russia.txt"
DATA_DIR = ROOT / "tests" / "data"
# The team's read-only corpus sits beside the checkout; a clean clone elsewhere has none.
CORPUS_DIR = ROOT.parent / "shared" / "corpus"


@pytest.fixture(autouse=True, scope="session")
def _index_outside_the_user_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A collection opened by any test keeps its index in a temporary folder, never in the
    user's cache directory (the command-line tests' children inherit the variable)."""
    import os

    os.environ.setdefault("WIKIREADER_INDEX_DIR", str(tmp_path_factory.mktemp("indexes")))


@pytest.fixture(autouse=True, scope="session")
def _state_and_settings_outside_the_user_folders(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The reading state and the settings file of any reader a test starts (its children too)
    live in temporary folders, never in the user's own (platformdirs follows these)."""
    import os

    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config"))


@pytest.fixture
def sample_dir() -> Path:
    """The project's bundled sample articles (`sample/`)."""
    return SAMPLE_DIR


@pytest.fixture
def sample_article() -> Path:
    """The project's own sample article, North Koreans in Russia."""
    return SAMPLE


@pytest.fixture
def data_dir() -> Path:
    """Test data committed with the tests (`tests/data/`)."""
    return DATA_DIR


@pytest.fixture
def corpus_dir() -> Path:
    """The shared corpus (`../shared/corpus`); the test is skipped where it is absent."""
    if not CORPUS_DIR.is_dir():
        pytest.skip("the shared corpus (../shared/corpus) is not beside this checkout")
    return CORPUS_DIR
