import pytest

from core.config import load_settings
from core.errors import NetraError


def test_defaults_use_a_local_server_and_a_home_inside_the_repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings({"HOME": str(tmp_path)})
    assert not settings.uses_external_server
    assert settings.home.name == ".netra"
    assert settings.neo4j_user == "neo4j"
    assert settings.cache_dir == tmp_path / ".cache" / "netra"


def test_environment_overrides_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "netra.toml").write_text(
        'home = "from-file"\n[neo4j]\nuri = "bolt://file:7687"\nuser = "fileuser"\nbolt_port = 7700\n'
    )
    settings = load_settings({"NEO4J_URI": "neo4j://env:7687", "HOME": str(tmp_path)})
    assert settings.neo4j_uri == "neo4j://env:7687"
    assert settings.neo4j_user == "fileuser"
    assert settings.bolt_port == 7700
    assert settings.home == (tmp_path / "from-file").resolve()
    assert settings.uses_external_server


def test_named_config_file_must_exist(tmp_path):
    with pytest.raises(NetraError, match="not a file"):
        load_settings({"NETRA_CONFIG": str(tmp_path / "missing.toml")})


def test_broken_config_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "netra.toml"
    bad.write_text("home = [unclosed")
    with pytest.raises(NetraError, match="Cannot read the configuration file"):
        load_settings({"NETRA_CONFIG": str(bad)})


def test_port_must_be_a_number(tmp_path):
    with pytest.raises(NetraError, match="must be a number"):
        load_settings({"NETRA_BOLT_PORT": "seven", "NETRA_HOME": str(tmp_path)})


def test_embedding_precision_is_auto_unless_set(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings({"HOME": str(tmp_path)}).embedding_precision == "auto"
    (tmp_path / "netra.toml").write_text('[search]\nembedding_precision = "float32"\n')
    assert load_settings({"HOME": str(tmp_path)}).embedding_precision == "float32"
    assert load_settings({"HOME": str(tmp_path), "NETRA_EMBEDDING_PRECISION": "bfloat16"}).embedding_precision == "bfloat16"


def test_an_unknown_embedding_precision_is_a_clear_error(tmp_path):
    with pytest.raises(NetraError, match="auto, float32, bfloat16, not 'half'"):
        load_settings({"NETRA_EMBEDDING_PRECISION": "half", "NETRA_HOME": str(tmp_path)})
