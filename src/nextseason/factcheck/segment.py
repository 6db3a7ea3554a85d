"""Words, sentences and quoted spans of an article's plain text, with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nextseason.factcheck.document import Block, Document
from nextseason.text import title_key

__all__ = ["Sentence", "Token", "quoted_spans", "sentences_of", "tokens_of"]

_WORD = re.compile(r"[^\W_]+|&")
#: Words whose trailing period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st jr sr prof gen col lt sgt capt vs no vol ep feat approx
    jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept est etc
    u.s u.k e.g i.e""".split()
)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
_QUOTE = re.compile(
    r"(?<![\w])\"(?P<a>[^\"\n]{1,80}?)\"(?![\w])"
    r"|“(?P<b>[^”\n]{1,80}?)”"
    r"|‘(?P<c>[^’\n]{1,80}?)’(?![\w])"
    r"|(?<![\w])'(?P<d>[^'\n]{1,80}?)'(?![\w])"
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # the token's title key ("&" -> "and")

    @property
    def capitalised(self) -> bool:
        first = self.text[0]
        return first.isdigit() or not first.islower()


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    block: Block
    index: int  # position in the article

    @property
    def is_question(self) -> bool:
        return self.text.rstrip().rstrip("\"'”’)").endswith("?")


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return "and" if word == "&" else title_key(word)


def tokens_of(text: str) -> list[Token]:
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        key = _word_key(word)
        if key:
            out.append(Token(m.start(), m.end(), word, key))
    return out


def sentences_of(doc: Document) -> list[Sentence]:
    """Sentences within each block; a heading or a list item is at least one sentence."""
    found: list[Sentence] = []
    for block in doc.blocks:
        text = doc.text[block.start : block.end]
        start = 0
        for m in _END.finditer(text):
            cut = m.end()
            before = text[start : m.start()].split()
            last = before[-1].casefold().rstrip(".") if before else ""
            rest = text[cut:].lstrip()
            if (
                m.group().startswith(".")
                and (
                    last in _ABBREVIATIONS
                    or (len(last) == 1 and last.isalpha())  # an initial: "J. K. Rowling"
                    or (rest[:1].islower())
                )
            ):
                continue
            _add(found, doc, block, start, cut)
            start = cut
        _add(found, doc, block, start, len(text))
    return found


def _add(found: list[Sentence], doc: Document, block: Block, start: int, end: int) -> None:
    text = doc.text[block.start + start : block.start + end]
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if text:
        begin = block.start + start + lead
        found.append(Sentence(begin, begin + len(text), text, block, len(found)))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The insides of quotation marks: "Title", “Title”, ‘Title’, 'Title'."""
    spans = []
    for m in _QUOTE.finditer(text):
        for group in ("a", "b", "c", "d"):
            if m.group(group) is not None:
                inner, at = m.group(group), m.start(group)
                lead = len(inner) - len(inner.lstrip())
                spans.append((at + lead, at + len(inner.rstrip())))
                break
    return spans
