"""History: the tree over time, read from git (:mod:`.reader`, :mod:`.git`) into what each node
went through (:mod:`.model`). The health rules and the pages read it; nothing here knows HTML."""

from mkdocs_ladder.history.model import History, NodeHistory, StepHistory
from mkdocs_ladder.history.reader import HistoryOptions, HistoryReader, read_history

__all__ = ["History", "HistoryOptions", "HistoryReader", "NodeHistory", "StepHistory", "read_history"]
