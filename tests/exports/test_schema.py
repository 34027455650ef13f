"""The timeline/1 contract: generated from the msgspec types, shipped, pinned by a golden copy,
and every export validates against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from timeline.cli import app
from timeline.exports import generate_schema, render_schema, shipped_schema
from timeline.exports.schema import SCHEMA_FILE

GOLDEN = Path(__file__).parent / "golden" / SCHEMA_FILE
REGENERATE = (
    'python -c "from timeline.exports.schema import write_schema_files; write_schema_files()"'
)


def validator():
    schema = json.loads(shipped_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_schema_is_what_the_types_generate():
    assert shipped_schema() == render_schema(), f"the contract changed: run {REGENERATE}"


def test_golden_copy_pins_the_contract():
    assert GOLDEN.read_bytes() == shipped_schema(), (
        f"timeline/1 changed; if on purpose, review the diff and run {REGENERATE}"
    )


def test_schema_is_valid_2020_12_and_describes_the_envelope():
    schema = generate_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    envelope = schema["$defs"]["TimelineExport"]
    assert envelope["required"] == [
        "schema",
        "entity",
        "entities",
        "as_of",
        "known_at",
        "filters",
        "events",
    ]
    assert envelope["properties"]["schema"] == {"enum": ["timeline/1"]}
    validator()


def test_schema_command_prints_the_shipped_schema(runner):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout.encode() == shipped_schema()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"entities": "xiaomi"},
        {"entities": None},
        {"entities": ["xiaomi", "byd"]},
        {"entities": "1810.HK", "as_of": "2025-12-31", "pit": True},
        {"entities": "xiaomi", "types": ["guidance", "analyst_rating"], "since": "2025-06-01"},
        {"entities": "xiaomi", "until": "1999-01-01"},
    ],
    ids=["one", "all", "two", "pit", "types-since", "empty"],
)
def test_every_json_export_validates(tl, kwargs):
    entities = kwargs.pop("entities")
    doc = json.loads(tl.export(entities, format="json", **kwargs).content)
    validator().validate(doc)


def test_schema_rejects_a_broken_document(tl):
    doc = json.loads(tl.export("xiaomi").content)
    doc["events"][0]["when"] = "2025"
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(doc)
