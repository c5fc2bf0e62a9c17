"""Person names from a spaCy English pipeline (optional: only when one is installed).

Loads an *installed* pipeline package by name (``spacy.load``); it never downloads anything.
Which package to install, and its licence, is in docs/text-tools.md.
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from infusion_coder.errors import ConfigError
from infusion_coder.text.recognizers._vocab import NOT_NAMES


class SpacyPersonRecognizer(EntityRecognizer):
    """PERSON entities of a spaCy pipeline, reported as NAME."""

    name: str

    ENTITY = "NAME"

    def __init__(self, model: str = "en_core_web_sm") -> None:
        self.model = model
        self._nlp: Any = None
        super().__init__(
            supported_entities=[self.ENTITY], name="SpacyPersonRecognizer", supported_language="en"
        )

    def load(self) -> None:
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover - spacy comes with presidio
            raise ConfigError("spaCy is not installed", field="spacy_model") from exc
        if not spacy.util.is_package(self.model):
            raise ConfigError(
                f"spaCy pipeline {self.model!r} is not installed; install the 'names' extra "
                "(see docs/text-tools.md) or leave the model off",
                field="spacy_model",
            )
        self._nlp = spacy.load(self.model, exclude=["lemmatizer", "parser"])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        doc = self._nlp(text)
        results = []
        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.text.split()[0] in NOT_NAMES:
                continue
            results.append(
                RecognizerResult(
                    self.ENTITY,
                    ent.start_char,
                    ent.end_char,
                    0.7,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        "rule": self.model,
                    },
                )
            )
        return results
