"""The deployment files in docs/ parse, and every command they run is one the CLI accepts."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import yaml

from partnership_kg.ui.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "docs" / "deploy"
COMPOSE = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def _unit() -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read_string((DEPLOY / "partnership-kg@.service").read_text(encoding="utf-8"))
    return unit


def parse_cli(argv: list[str]) -> tuple[str, dict[str, object]]:
    """The subcommand and its parsed options, as click reads ``argv`` (nothing is run); an
    option the command does not have fails here."""
    assert Path(argv[0]).name == "partnership-kg"
    rest = list(argv[1:])
    if rest[0] == "--store":  # the global option, before the command
        assert rest[1].startswith("/")
        rest = rest[2:]
    name, *options = rest
    command = cli.commands[name]
    with command.make_context(name, options) as context:
        return name, context.params


def test_compose_replicas_serve_a_read_only_store_on_every_interface() -> None:
    serve = COMPOSE["services"]["serve"]
    name, params = parse_cli(serve["command"])
    assert (name, params["host"], params["port"]) == ("serve", "0.0.0.0", 7860)
    assert serve["deploy"]["replicas"] >= 2
    assert all(volume.endswith(":ro") for volume in serve["volumes"])


def test_compose_build_runs_a_build_into_the_store_the_replicas_serve() -> None:
    build = COMPOSE["services"]["build"]
    name, _ = parse_cli(build["command"])
    assert name == "build"
    store = build["command"][build["command"].index("--store") + 1]
    assert store == COMPOSE["services"]["serve"]["command"][2]
    assert not any(volume.endswith(":ro") for volume in build["volumes"]
                   if volume.split(":")[0] == "store")


def test_compose_proxy_sends_requests_to_the_replicas_port() -> None:
    services = COMPOSE["services"]
    assert set(services["proxy"]["depends_on"]) <= set(services)
    config = COMPOSE["configs"]["nginx"]["content"]
    port = parse_cli(services["serve"]["command"])[1]["port"]
    assert re.search(rf"server serve:{port};", config)
    assert "ip_hash;" in config


def test_systemd_unit_runs_one_serve_per_port_on_loopback() -> None:
    unit = _unit()
    assert set(unit.sections()) == {"Unit", "Service", "Install"}
    argv = shlex.split(unit["Service"]["ExecStart"].replace("%i", "7861"))
    name, params = parse_cli(argv)
    assert (name, params["host"], params["port"]) == ("serve", "127.0.0.1", 7861)
    assert unit["Service"]["ReadOnlyPaths"] == "/srv/partnership-kg"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_deploy_doc_names_both_files_and_the_readme_links_it() -> None:
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "deploy/compose.yaml" in doc and "deploy/partnership-kg@.service" in doc
    assert "docs/deploy.md" in (ROOT / "README.md").read_text(encoding="utf-8")
