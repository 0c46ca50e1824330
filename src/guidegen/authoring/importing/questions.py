"""What a piece of a document says it is: a question (and how surely), an answer's label, or text.

Questions are written in many ways: "Q: …", "Q1.", "Question-3:", "B2." (explicit: the surest), a
sentence ending in a question mark ("What is …? 👶", a difficulty mark after it), or a prompt
("Explain …", "Tell me about a time …"). They stand in a heading, a bold line, a list item, a
`<details>` summary or a paragraph of their own, with the answer on the same line ("**What is X?**
X is …", "Q: … A: …"), under an "Answer:" label or in the blocks that follow. This module reads one
piece of text at a time and says how strongly it reads as a question; outline.py weighs that
against where the piece stands (its form, what the document's other questions look like).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model.punctuation import SENTENCE_ENDS, ends_with_question_mark, question_mark
from .blocks import Block
from .inline import plain

#: The word "question" as a label in other languages ("Pregunta:", "Frage 2:", "Вопрос:", "问：")
_QUESTION_WORDS = ("pregunta|frage|domanda|pergunta|вопрос|питання|pytanie|soru|vraag|fråga|spørsmål|"
                   "spørgsmål|kysymys|otázka|kérdés|întrebare|ερώτηση|שאלה|سؤال|سوال|س|问题|問題|问|問|질문|"
                   "質問|câu hỏi|pertanyaan|प्रश्न")
#: "Answer" as a label in other languages ("Respuesta:", "Antwort:", "Réponse :", "Ответ:", "答：")
_ANSWER_WORDS = ("respuesta|antwort|réponse|reponse|risposta|resposta|ответ|відповідь|odpowiedź|cevap|"
                 "antwoord|svar|vastaus|odpověď|válasz|răspuns|απάντηση|תשובה|جواب|إجابة|الإجابة|ج|"
                 "答案|回答|解答|答|답변|답|trả lời|jawaban|उत्तर")
#: "Q:", "Q1.", "Q 1)", "Question 3:", "Question-3:", "Question #3 -", "B2." (behavioural), "Q1 What",
#: "Question 3" alone (a heading over the question's statement), "Interview question #12:", "Problem
#: 1:" (a coding task), and the same in other languages
QUESTION_LABEL = re.compile(r"^(?:Q|[Qq]uestion|QUESTION|B(?=\s*\d)|(?i:interview question)|"
                            r"(?i:problem|exercise|challenge|puzzle)(?=\s*#?\s*\d)|"
                            r"(?i:" + _QUESTION_WORDS + r"))"
                            r"\s*#?\s*-?\s*(\d{1,4})?(?:\.\d{1,3})?\s*(?:[:：.)\-–—]|(?<=\d)\s|(?<=\d)$)\s*")
#: "1.", "1)", "(1)", "1 -", "1.2", "2.1.", "6、" at the start of a line in plain text or a heading
#: (after an emoji or a symbol, if any: "## 🔧 1. What does …")
NUMBER = re.compile(r"^(?:[\u2190-\u2bff\U0001f000-\U0001faff][\ufe0f\u200d]?\s*)?"
                    r"[(（]?(\d{1,3})(?:(?:(?:\.\d{1,3}){1,3}\.?|[.):．）：]|\s+[-–—])\s+|[、．）])(?=\S)")
#: "Answer:", "Strong answer", "A:", "A. ", "Ans.", "Sample answer (short):", "Solution -", "-> "
ANSWER_LABEL = re.compile(
    r"^(?:(?:(?:strong|example|model|sample|good|suggested|possible|short|expected|ideal|best|great|"
    r"detailed|brief|full|your)\s+)?(?:answer|ans|solution|response)(?:\s*\([^()]{0,40}\))?|A(?=\s*[:：]|\.\s)|"
    r"(?:" + _ANSWER_WORDS + r")(?=\s*[:：]|\s*$))\s*(?:[:：.\-–—]\s*|$)"
    r"|^(?:->|=>|→|⇒)\s+", re.IGNORECASE)  # and the arrow of a chat or an email: "-> Many unit tests"
#: "What it shows:", "What they're looking for:", "Why they ask:" (a behavioural question's reveal)
SHOWS_LABEL = re.compile(
    r"^(?:what (?:it|this|a strong answer|the answer) (?:shows|tests)|what (?:they|the interviewer)"
    r"(?:['’]re| are| is) looking for|why (?:they|it|we) asks?|shows|what it shows)\s*(?:[:.\-–—]\s*|$)",
    re.IGNORECASE)
_INLINE_ANSWER = re.compile(r"(?<=[?.!*_])\s+(?:\*\*|__)?(?:A|Ans|Answer)(?:\*\*|__)?\s*[:.](?:\*\*|__)?\s+")
_INTERROGATIVES = frozenset({
    "what", "what's", "whats", "how", "how's", "why", "when", "where", "which", "who", "whom", "whose",
    "is", "are", "was", "were", "do", "does", "did", "can", "could", "would", "should", "will", "shall",
    "have", "has", "may", "might", "must", "isn't", "aren't", "don't", "doesn't", "can't"})
_PROMPTS = re.compile(
    r"^(?:explain|describe|tell (?:me|us)|walk (?:me|us) through|talk (?:me|us) through|give (?:me |us )?"
    r"(?:an? )?(?:example|examples|instance)|name|list|define|compare|contrast|discuss|outline|imagine|"
    r"suppose|design|implement|share|differentiate|distinguish|elaborate|derive|calculate|identify|"
    r"summari[sz]e|justify|evaluate|propose|recommend|estimate|sketch|"
    # the same in other languages: French, Spanish, Portuguese, Italian, German, Russian
    r"expliquez|explique[zr]?|décrivez|décrire|citez|comparez|définissez|présentez|racontez|"
    r"explica|describ[ae]|descreva|defin[ae]|compar[ae]|menciona|nombra|cuéntanos|cuéntame|háblanos|"
    r"háblame|spiega|descrivi|elenca|confronta|erklären|erkläre|beschreiben|beschreibe|nennen|nenne|"
    r"vergleichen|vergleiche|definieren|erzählen|объясните|объясни|опишите|опиши|расскажите|расскажи|"
    r"сравните|назовите|перечислите)\b"
    # and Chinese, whose words are not set apart by spaces
    r"|^(?:请|請)?(?:说说|說說|说一下|說一下|简述|簡述|解释|解釋|描述|谈谈|談談|介绍|介紹|说明|說明|列举|列舉|比较|比較)",
    re.IGNORECASE)
BEHAVIOURAL_WORDING = re.compile(
    r"^(?:tell (?:me|us) about|describe (?:a|an|the|your)? ?(?:time|situation|occasion|moment|project|"
    r"example|experience|challenge|conflict|mistake|failure|decision)|give (?:me |us )?(?:an? )?example|"
    r"talk (?:me |us )?(?:about|through) a (?:time|situation)|share (?:an? )?(?:example|time|experience|"
    r"situation)|walk (?:me|us) through a (?:time|situation|decision)|have you ever|what (?:would|did) you "
    r"do (?:if|when)|how (?:did|have) you (?:handle|handled|deal|dealt|manage|managed|resolve|resolved|"
    r"cope|react|respond|approach a (?:conflict|disagreement))|"
    # in the present tense, only about people and pressure ("How do you handle missing values?" is not)
    r"how do you (?:handle|deal with|manage|cope with|react to|respond to|resolve|approach|prioriti[sz]e)"
    r" (?:an? |your |the |with )?(?:conflicts?|stress|pressure|criticism|feedback|disagreements?|failures?|"
    r"mistakes?|setbacks?|rejection|difficult|challenging|tight|deadlines?|competing|ambiguity|change|"
    r"uncertainty|colleagues?|stakeholders?|people|team|work(?:load)?|tasks|your time|multiple)|"
    r"can you (?:tell (?:me|us) about|describe|give|share) (?:an? |your )?(?:time|situation|example|"
    r"experience|occasion)|"
    r"what is your (?:greatest|biggest) (?:weakness|strength|achievement|accomplishment)|"
    r"what are your (?:strengths|weaknesses)|why (?:do|did) you (?:want|choose|chose|decide|leave|apply)|"
    r"what motivates you|where do you see yourself)\b", re.IGNORECASE)
#: An answer that is only a stub for one to come: "Answer here", "TBD", "…"
_STUB = re.compile(r"^\W*(?:answer(?: goes)? here|your answer here|write (?:your|the) answer(?: here)?|tbd|"
                   r"tba|todo|to do|coming soon|to be (?:added|written|done)|pending|n/?a|\.\.\.|…|-+)\W*$",
                   re.IGNORECASE)
_SHOW_ANSWER = re.compile(
    r"^(?:(?:click|tap)(?: here)?(?: to)? ?)?(?:(?:show|see|view|reveal|toggle|display|expand|open|check)"
    r"(?: the| an?| my| your)? ?)?(?:answers?|solutions?|explanation|response|details|more|hint|expand)$",
    re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Reading:
    """What one piece of text is. `role`: "question", "answer" (an answer or shows label, `rest`
    holding what follows it) or "text"; `strength`: 3 labelled, 2 asks, 1 worded as a prompt, 0 not
    a question."""

    role: str
    text: str = ""  # the question, plain ("" when it follows on the next piece)
    strength: int = 0
    number: int | None = None
    rest: str = ""  # Markdown after the question or label in the same piece: the answer's start
    bold: bool = False  # the question is the piece's bold (or emphasised) start
    whole: bool = False  # the question is all the piece holds (nothing after it but decoration)


def asks(text: str) -> bool:
    """Whether text ends with a question mark (a difficulty mark or emoji may follow it); a question
    in brackets inside a statement ("check the IP address (DHCP lease?);") asks nothing."""
    mark = question_mark(text)
    if mark < 0:
        return False
    after = text[mark + 1:]
    if after.lstrip().startswith((")", "]", "）")) and text.lstrip()[:1] not in "([（":
        return False
    return sum(len(word) for word in _WORD.findall(after)) <= 2


def strength(text: str, *, labelled: bool = False) -> int:
    """How surely text is a question by its words alone (see Reading)."""
    if labelled:
        return 3
    if asks(text):
        return 2
    words = text.split(maxsplit=1)
    if words and (words[0].lower().strip("*_\"'“(") in _INTERROGATIVES or _PROMPTS.match(text)):
        return 1
    return 0


#: A difficulty written in words after a question: "[Easy]", "(Medium)", "(senior level)" (a mark such as
#: "👶" or "⭐" is the author's, and stays)
_DIFFICULTY = re.compile(r"(?:\s*[\[(](?:very\s+)?(?:easy|medium|hard|difficult|basic|beginner|intermediate|"
                         r"advanced|expert|junior|mid|senior)(?:[\s-]+level)?[\])])+\s*$", re.IGNORECASE)


def without_difficulty(text: str) -> str:
    """A question without the difficulty written after it ("What is X? [Easy]" -> "What is X?")."""
    tail = len(text) - min(len(text), 80)  # a tag is short: only the end is searched
    found = _DIFFICULTY.search(text, tail)
    return text[:found.start()].rstrip() if found and found.start() > 0 else text


def is_prompt(text: str) -> bool:
    """An instruction to answer ("Explain …", "Walk me through …"), not a question word."""
    return _PROMPTS.match(text) is not None


def behavioural(text: str) -> bool:
    """Worded as a behavioural question: "Tell me about a time…", "Describe a situation…"."""
    return BEHAVIOURAL_WORDING.match(text.strip("*_ \"“")) is not None


def is_stub(text: str) -> bool:
    """An answer that is only a place for one ("Answer here", "TBD")."""
    return len(text) <= 40 and _STUB.match(text) is not None


def shows_answer(summary: str) -> bool:
    """A `<details>` summary that only says its content is the answer ("💡 Show Answer")."""
    words = " ".join(_WORD.findall(summary))
    return not words or _SHOW_ANSWER.match(words) is not None


def _lead(source: str) -> tuple[str, str] | None:
    """A piece's bold or emphasised start and what follows it: `**Q1.** What…` -> ("Q1.", " What…")."""
    for marker in ("**", "__", "*", "_"):
        if source.startswith(marker) and not source.startswith(marker * 2 if len(marker) == 1 else "***"):
            close = source.find(marker, len(marker))
            while close > 0 and len(marker) == 1 and source[close + 1:close + 2] == marker:
                close = source.find(marker, close + 2)
            if close > len(marker):
                return source[len(marker):close], source[close + len(marker):]
            return None
    return None


def _decoration(text: str) -> bool:
    """Text that holds no word: an emoji or a difficulty mark after a question."""
    return sum(len(word) for word in _WORD.findall(text)) <= 1


def read(source: str, *, numbers: bool = False) -> Reading:
    """What a piece of inline Markdown source is. `numbers`: a leading "1." is a question's number
    (plain text and headings; in Markdown a numbered line is a list, read item by item)."""
    source = source.strip()
    lead = _lead(source)
    if lead is not None:
        head, rest = lead
        reading = _read_lead(plain(head), rest)
        if reading is not None:
            return reading
    text = plain(source.split("\n", 1)[0])
    label = QUESTION_LABEL.match(text)
    if label:
        body = _after_label(source, QUESTION_LABEL)
        question, answer = _split_answer(body)
        return Reading("question", plain(question), 3, _number(label.group(1)), answer,
                       whole=not answer.strip())
    if ANSWER_LABEL.match(text) or SHOWS_LABEL.match(text):
        pattern = ANSWER_LABEL if ANSWER_LABEL.match(text) else SHOWS_LABEL
        return Reading("answer", rest=_after_label(source, pattern))
    number = None
    numbered = NUMBER.match(text) if numbers else None
    if numbered:
        number = int(numbered.group(1))
        source = _after_label(source, NUMBER)
        text = plain(source)
        label = QUESTION_LABEL.match(text)
        if label:  # "1. Q: …"
            question, answer = _split_answer(_after_label(source, QUESTION_LABEL))
            return Reading("question", plain(question), 3, number, answer, whole=not answer.strip())
    question, answer = _split_answer(source)
    text = plain(question)
    found = strength(text)
    if found == 0 and not (numbered and text):
        return Reading("text")
    return Reading("question", text, found, number, answer, whole=not answer.strip())


def _read_lead(head: str, rest: str) -> Reading | None:
    """A piece that starts in bold: a labelled question, a label, a bold question, or None."""
    label = QUESTION_LABEL.match(head)
    if label:
        remainder = head[label.end():].strip()
        if remainder:
            question, answer = remainder, rest.strip()
        else:
            question, answer = _split_answer(rest.strip())
            question = plain(question)
        return Reading("question", question, 3, _number(label.group(1)), answer, bold=True,
                       whole=not answer.strip() or _decoration(answer))
    if ANSWER_LABEL.match(head) or SHOWS_LABEL.match(head):
        pattern = ANSWER_LABEL if ANSWER_LABEL.match(head) else SHOWS_LABEL
        remainder = head[pattern.match(head).end():].strip()  # type: ignore[union-attr]
        return Reading("answer", rest=(remainder + " " + rest.strip()).strip())
    if not head.strip() or head.rstrip().endswith(":"):
        return None
    numbered = NUMBER.match(head.strip())  # "**1. What is …?**": the number is the question's, not its text
    number = int(numbered.group(1)) if numbered else None
    if numbered:
        head = head.strip()[numbered.end():]
    if _decoration(rest):  # the whole piece is bold: a question if it reads as one (outline decides)
        text = f"{head.strip()} {rest.strip()}".strip()
        return Reading("question", text, strength(text), number, bold=True, whole=True)
    if asks(head):
        answer = rest
        label = _INLINE_ANSWER.match(" " + rest.lstrip()) if rest.strip() else None
        if label:
            answer = (" " + rest.lstrip())[label.end():]
        return Reading("question", head.strip(), 2, number, rest=answer.strip(), bold=True)
    return None


def _after_label(source: str, pattern: re.Pattern[str]) -> str:
    """Source without the label at its start (the label matched on its plain text; the source may
    wrap it in bold: `**Answer:** text`)."""
    unwrapped = source.lstrip()
    marks = ""
    while unwrapped[:1] in ("*", "_"):
        marks += unwrapped[0]
        unwrapped = unwrapped[1:]
    found = pattern.match(unwrapped)
    if found is None:
        return source
    rest = unwrapped[found.end():]
    if marks and rest.startswith(marks[::-1]):
        rest = rest[len(marks):]
    elif marks:
        rest = marks + rest if rest.strip() else ""
    return rest.strip()


def _split_answer(source: str) -> tuple[str, str]:
    """A question and what follows it: the answer on the same line ("Q: What is X? A: It is …") or
    on the next lines. A question wrapped over lines ends at the line ending in a question mark."""
    lines = source.split("\n")
    first = 1
    if not (ends_with_question_mark(lines[0]) or lines[0].rstrip().endswith(SENTENCE_ENDS)) \
            and not _INLINE_ANSWER.search(lines[0]):
        first = next((i + 1 for i in range(1, min(len(lines), 3)) if ends_with_question_mark(lines[i])), 1)
    question, more = "\n".join(lines[:first]), "\n".join(lines[first:])
    found = _INLINE_ANSWER.search(question)
    if found is None:
        return question, more
    return question[:found.start()], (question[found.end():] + ("\n" + more if more else "")).strip()


def _number(text: str | None) -> int | None:
    return int(text) if text else None


_QUESTION_COLUMN = re.compile(r"^(?:q|questions?|prompts?|interview questions?)$", re.IGNORECASE)
_ANSWER_COLUMN = re.compile(r"^(?:a|answers?|(?:strong|sample|model|good|example|suggested) answers?|"
                            r"responses?|solutions?|what (?:it|a good answer) shows)$", re.IGNORECASE)
NUMBERING = re.compile(r"^(?:#|no\.?|nr\.?|number|n)?$", re.IGNORECASE)


def qa_columns(block: Block) -> tuple[int, int] | None:
    """A table of questions: (its question column, its answer column) by their headers, or None."""
    if len(block.rows) < 2:
        return None
    headers = [plain(cell).strip(" :*") for cell in block.rows[0]]
    asked = next((index for index, header in enumerate(headers) if _QUESTION_COLUMN.match(header)), None)
    answered = next((index for index, header in enumerate(headers) if _ANSWER_COLUMN.match(header)), None)
    return (asked, answered) if asked is not None and answered is not None else None


# ---- pieces: a paragraph cut where a new question or label starts


@dataclass
class Piece:
    """Part of a block: a whole block, or the lines of a paragraph from one label to the next."""

    block: Block
    line: int
    lines: list[str]
    text: str  # inline Markdown, one source line per line

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)


def _starts_part(line: str, *, numbers: bool) -> bool:
    start = line[:80].replace("*", "").replace("_", "").lstrip()  # a label, if any, shows here already
    if not (QUESTION_LABEL.match(start) or ANSWER_LABEL.match(start) or SHOWS_LABEL.match(start)
            or (numbers and NUMBER.match(start))):
        return False
    text = plain(line)
    if QUESTION_LABEL.match(text) or ANSWER_LABEL.match(text) or SHOWS_LABEL.match(text):
        return True
    return numbers and NUMBER.match(text) is not None and asks(text)


def pieces(block: Block, *, numbers: bool = False) -> list[Piece]:
    """A paragraph cut before every line that starts a question ("Q:", "Question 2:") or a label
    ("Answer:", "What it shows:"), so "Q: …\\nA: …" is two pieces; any other block is one piece.
    `numbers`: a line "2. …?" starts a piece too (plain text)."""
    if block.kind != "paragraph":
        return [Piece(block, block.line, block.lines, block.text)]
    texts = block.text.split("\n")
    if len(texts) != len(block.lines):  # cannot map lines one to one: keep it whole
        return [Piece(block, block.line, block.lines, block.text)]
    found: list[Piece] = []
    start = 0
    for offset in range(1, len(texts) + 1):
        if offset == len(texts) or _starts_part(texts[offset], numbers=numbers):
            found.append(Piece(block, block.line + start, block.lines[start:offset],
                               "\n".join(texts[start:offset])))
            start = offset
    return found
