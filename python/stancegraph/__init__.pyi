"""Type hints for the stancegraph package."""

import datetime
import os
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

import networkx
import pandas

from . import _native

__version__: str
DEFAULT_MAX_EVIDENCE: int
FORMATS: Tuple[str, ...]

PathLike = Union[str, os.PathLike[str]]
Paths = Union[PathLike, Iterable[PathLike]]
Text = Union[str, Mapping[str, Any]]

class Problem(NamedTuple):
    source: str
    line: Optional[int]
    severity: str
    reason: str
    message: str

def build(
    paths: Paths,
    actors: Optional[Paths] = None,
    cues: Optional[Paths] = None,
    jobs: Optional[int] = None,
    *,
    max_evidence: int = 5,
    strict: bool = False,
    errors: str = "raise",
) -> Graph: ...
def from_texts(
    texts: Union[Iterable[Text], pandas.Series, pandas.DataFrame],
    actors: Optional[Paths] = None,
    cues: Optional[Paths] = None,
    jobs: Optional[int] = None,
    *,
    max_evidence: int = 5,
    errors: str = "raise",
) -> Graph: ...

class Graph:
    def __init__(self, native: _native.NativeGraph) -> None: ...
    @property
    def documents(self) -> int: ...
    @property
    def duplicates(self) -> int: ...
    @property
    def problems(self) -> List[Problem]: ...
    @property
    def edge_count(self) -> int: ...
    def __len__(self) -> int: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def nodes_frame(self) -> pandas.DataFrame: ...
    def edges_frame(self) -> pandas.DataFrame: ...
    def to_networkx(self) -> networkx.MultiDiGraph: ...
    def query(
        self,
        question: str,
        *actors: str,
        speaker: Optional[str] = None,
        actor: Optional[str] = None,
        opposes: Optional[str] = None,
        supports: Optional[str] = None,
        since: Union[None, str, datetime.date] = None,
        until: Union[None, str, datetime.date] = None,
        types: Union[None, str, Sequence[str]] = None,
        polarity: Optional[str] = None,
        doc: Optional[str] = None,
        min_confidence: Optional[float] = None,
        include_speculative: bool = False,
        as_frame: bool = False,
    ) -> Any: ...
    def write(self, path: PathLike, format: Optional[str] = None) -> List[str]: ...
