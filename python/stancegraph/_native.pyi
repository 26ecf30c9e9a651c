"""Type hints for the native module (``stancegraph._native``); use ``stancegraph``."""

from typing import List, Optional, Tuple

__version__: str

class NativeGraph:
    documents: int
    duplicates: int
    node_count: int
    edge_count: int
    def to_json(self) -> str: ...
    def problems(self) -> List[Tuple[str, Optional[int], str, str, str]]: ...
    def write(self, path: str, format: str) -> List[str]: ...
    def query(
        self,
        question: str,
        names: List[str],
        speaker: Optional[str],
        actor: Optional[str],
        since: Optional[str],
        until: Optional[str],
        types: List[str],
        polarity: Optional[str],
        doc: Optional[str],
        min_confidence: Optional[float],
        include_speculative: bool,
    ) -> str: ...

def build(
    paths: List[str], actors: List[str], cues: List[str], jobs: int, max_evidence: int, strict: bool
) -> NativeGraph: ...
def formats() -> List[str]: ...
