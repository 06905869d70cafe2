"""The shape every claimx component shares, after spaCy's own ``SpanRuler``.

A component's settings live in its factory's ``default_config``: ``data``, the
paths of its data files by name (relative paths are under ``models/``, see
:func:`claimx.resources.model_path`; absolute ones are the user's own files),
thresholds and windows. The data files are read when the component first needs
them (or on ``initialize()``), and ``to_disk`` / ``from_disk`` write and read
the component's own copy, so a saved pipeline carries its lexicons and no
longer depends on the installed ``models/``. Two pipelines in one process can
hold different data.

A component names the claimx components that must run before it
(``upstream``) and the base annotations it reads (``annotations``); when one
is missing it stops with a message naming it ("claimx_figures needs
claimx_dates earlier in the pipeline"), instead of silently finding nothing.

To adopt it, a component:

1. subclasses :class:`ClaimxComponent`, setting ``upstream`` (Doc attributes,
   which are also the component names, e.g. ``(DATES,)``) and ``annotations``
   (``"DEP"``, ``"TAG"``, ``"ENT_IOB"``, ...);
2. implements ``setup(data)``, which builds its tables from the loaded JSON
   (``data[key]`` for each key of ``data_paths``), and ``process(doc)``;
3. has a factory whose ``data`` setting names its data files::

       @Language.factory(
           "claimx_x",
           default_config={"data": {"lexicon": "x/lexicon.json"}, "window": 90},
           requires=["doc._.claimx_dates", "token.dep"],
           assigns=["doc._.claimx_x"],
       )
       def make_x(nlp, name, data, window):
           return X(nlp, name, data=data, window=window)

A user points one file elsewhere with
``nlp.add_pipe("claimx_x", config={"data": {"lexicon": "/my/lexicon.json"}})``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.extensions import MODEL
from claimx.resources import read_json


def base_model_name(nlp: Language) -> str:
    """The base model ``nlp`` was built on, as ``lang_name-version``.

    claimx's pipelines record it in ``nlp.meta["claimx"]["base_model"]``; any
    other pipeline is its own base.
    """
    recorded = nlp.meta.get("claimx", {}).get("base_model")
    if recorded:
        return str(recorded)
    meta = nlp.meta
    return f"{meta.get('lang', nlp.lang)}_{meta.get('name', 'pipeline')}-{meta.get('version', '')}"


class ClaimxComponent:
    """A Pipe-style claimx component: data files, save and load, checked upstream."""

    #: Doc attributes (= claimx component names) that must be set before this component runs.
    upstream: ClassVar[tuple[str, ...]] = ()
    #: Base annotations (``Doc.has_annotation`` names) this component reads.
    annotations: ClassVar[tuple[str, ...]] = ()

    def __init__(self, nlp: Language, name: str, *, data: Mapping[str, str]) -> None:
        self.name = name
        self.data_paths = dict(data)
        self.base_model = base_model_name(nlp)
        self._data: dict[str, Any] | None = None

    # -- to be implemented -------------------------------------------------------------------

    def setup(self, data: dict[str, Any]) -> None:
        """Build the component's tables from its loaded data files (one entry per key)."""

    def process(self, doc: Doc) -> Doc:
        """Annotate ``doc`` (the upstream checks have passed)."""
        raise NotImplementedError

    # -- data ----------------------------------------------------------------------------------

    @property
    def data(self) -> dict[str, Any]:
        """The component's data, one parsed JSON file per key of ``data_paths``."""
        if self._data is None:
            self.initialize()
        assert self._data is not None
        return self._data

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Read the data files named in the config (the packaged ones by default)."""
        self._use({key: read_json(path) for key, path in self.data_paths.items()})

    def _use(self, data: dict[str, Any]) -> None:
        self.setup(data)
        self._data = data

    # -- running -------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if self._data is None:
            self.initialize()
        self.check(doc)
        doc._.set(MODEL, self.base_model)
        return self.process(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Process a stream of Docs (one at a time: the rules need no batching)."""
        for doc in docs:
            yield self(doc)

    def check(self, doc: Doc) -> None:
        """Raise ValueError naming what is missing when an upstream step has not run."""
        for attribute in self.upstream:
            if doc._.get(attribute) is None:
                raise ValueError(f"{self.name} needs {attribute} earlier in the pipeline")
        for annotation in self.annotations:  # (an empty Doc counts as annotated)
            if not doc.has_annotation(annotation):
                raise ValueError(
                    f"{self.name} needs {annotation} from the base model (a parser, tagger "
                    "and NER) earlier in the pipeline"
                )

    # -- serialisation -------------------------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the component's data files (``KEY.json`` each) into the folder ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for key, value in self.data.items():
            srsly.write_json(path / f"{key}.json", value)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ClaimxComponent:
        """Read the data files :meth:`to_disk` wrote."""
        path = Path(path)
        self._use({key: srsly.read_json(path / f"{key}.json") for key in self.data_paths})
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The component's data as bytes."""
        return srsly.msgpack_dumps(self.data)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ClaimxComponent:
        """Read the data :meth:`to_bytes` wrote."""
        self._use(srsly.msgpack_loads(data))
        return self
