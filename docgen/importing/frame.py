"""What stands around a report's body: the 版头, title and 主送机关 before it; the 附件说明,
署名, 成文日期, 附注, attachment pages and 版记 after it (GB/T 9704-2012 7.2–7.4, 8).

The order is the standard's, so each part is looked for where the standard puts it:
the 版记 lines (抄送：…, …印发) at the very end; attachment pages from the first 附件N
label standing alone; the 成文日期 among the last lines before them, the signature
just above it, the 附件说明 above that. What lies between them and is none of these is
kept (unplaced) at the end of the body, never dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from docgen.content.load import MAX_SIGNERS, MAX_TITLE_CHARS
from docgen.importing.headings import chinese_ordinal, heading_of
from docgen.importing.paragraphs import Para

MAX_LETTERHEAD_LINES = 6        # 份号, 密级, 紧急程度, the mark (two lines for a joint one), 发文字号
MAX_NUMBER_LINE_CHARS = 40      # 发文字号 and 签发人 share a line: a longer one is text citing a document
MAX_TITLE_LINE_CHARS = 60
MAX_ADDRESSEE_CHARS = 40
MAX_SIGNATURE_CHARS = 40
MAX_AFTER_DATE = 2              # 附注 lines between the 成文日期 and what follows
MAX_ATTACHMENT_LIST_LINES = 20
FIRST_YEAR, LAST_YEAR = 1900, 2999     # the report years the loader takes; a 成文日期 is in the year after


@dataclass
class AttachmentPage:
    """An attachment on pages of its own: its 附件N label, its title line(s), its body."""
    label: Para
    number: int | None
    title: list[Para]
    body: list[Para]


@dataclass
class Frame:
    """A source's paragraphs parted: everything but `body` is found and read here."""
    letterhead: dict[str, object] = field(default_factory=dict)     # organ, number, signer, … as found
    letterhead_lines: list[Para] = field(default_factory=list)
    title: list[Para] = field(default_factory=list)
    addressee: Para | None = None
    body: list[Para] = field(default_factory=list)
    attachment_list: list[tuple[str, Para]] = field(default_factory=list)   # 附件说明 names
    signature: list[Para] = field(default_factory=list)
    date: dt.date | None = None
    date_line: Para | None = None
    note: Para | None = None
    attachments: list[AttachmentPage] = field(default_factory=list)
    distribution: dict[str, object] = field(default_factory=dict)
    distribution_lines: list[Para] = field(default_factory=list)
    leftover: list[tuple[Para, str]] = field(default_factory=list)   # kept at the body's end, and why
    found: list[tuple[Para, str, str]] = field(default_factory=list)  # (line, field, message) decisions


def frame(paras: list[Para]) -> Frame:
    result = Frame()
    start = _letterhead(paras, result)
    start = _title(paras, start, result)
    end = _distribution(paras, start, result)
    end = _attachment_pages(paras, start, end, result)
    end = _closing(paras, start, end, result)
    result.body = paras[start:end]
    return result


# -- before the body ---------------------------------------------------------------

def _lines(para: Para) -> list[str]:
    """A paragraph's text, or a table's non-empty cells (Word files lay out a 版头's 发文字号
    and 签发人, and docgen its 版记, in tables)."""
    if para.is_table:
        return [cell.strip() for row in para.rows for cell in row if cell.strip()]
    return [para.text]


# The 版头's lines (GB/T 9704 7.2): 发文字号 (its brackets and zeros as people type them), 签发人, 份号, 密级, 紧急程度.
_NUMBER = re.compile(r"(?P<code>[^\s〔〕\[\]［］【】（）()]{1,20}?)\s*[〔\[［【（(]\s*(?P<year>\d{4})"
                     r"\s*[〕\]］】）)]\s*第?\s*(?P<n>\d{1,6})\s*号")
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]\s*(?P<names>.+)$")
_COPY_NUMBER = re.compile(r"^\d{6}$")
_SECRECY = re.compile(r"^(绝密|机密|秘密)(★.*)?$")
_URGENCY = re.compile(r"^(特急|加急|特提|平急)$")


def _letterhead(paras: list[Para], result: Frame) -> int:
    """The 版头 at the very top: a red, large or centred 发文机关标志 and the lines around it.
    Returns where the title may start (0 when there is no 版头)."""
    found: dict[str, object] = {}
    organ: list[str] = []
    i = 0
    while i < min(len(paras), MAX_LETTERHEAD_LINES):
        para = paras[i]
        block = para.block
        text = " ".join(_lines(para))
        if not para.is_table and block.red and (block.align == "center" or (block.size_pt or 0) > _title_size_pt()) \
                and len("".join(organ) + text) <= MAX_TITLE_CHARS:
            organ.append(text)
        elif _COPY_NUMBER.match(text) and not found:
            found["copy_number"] = text
        elif _SECRECY.match(text) and "secrecy" not in found:
            found["secrecy"] = text
        elif _URGENCY.match(text) and "urgency" not in found:
            found["urgency"] = text
        elif len(text) <= MAX_NUMBER_LINE_CHARS and (_NUMBER.search(text) and "number" not in found
                                                     or _SIGNER.search(text) and "signer" not in found):
            if not _number_and_signer(text, para, found, result):
                break
        else:
            break
        result.letterhead_lines.append(para)
        i += 1
    if not organ and "number" not in found and "signer" not in found:
        result.letterhead_lines.clear()
        return 0
    if organ:
        found = {"organ": "".join(organ)} | found
        result.found.append((result.letterhead_lines[0], "letterhead.organ",
                             "the 版头's 发文机关标志: red, large and centred at the top"))
    result.letterhead = found
    return i


def _number_and_signer(text: str, para: Para, found: dict[str, object], result: Frame) -> bool:
    """The 发文字号 and 签发人 a line holds (one, the other or both, in a 上行文's one line);
    False if it holds neither after all (a number 0, no name)."""
    signer = _SIGNER.search(text) if "signer" not in found else None
    number = _NUMBER.search(text[:signer.start()] if signer else text) if "number" not in found else None
    read = False
    if number is not None:
        written = number.group()
        ordinal = int(number["n"])
        if ordinal >= 1:
            found["number"] = f"{number['code']}〔{number['year']}〕{ordinal}号"
            why = "the 发文字号"
            if found["number"] != written:
                why += f", written {written}: made {found['number']} (GB/T 9704 7.2.4: the year in 〔〕, no 第, " \
                       "no leading zeros)"
            result.found.append((para, "letterhead.number", why))
            read = True
    if signer is not None:
        names = [name for name in _NAMES_SEPARATOR.split(signer["names"]) if name][:MAX_SIGNERS]
        if names:
            found["signer"] = names[0] if len(names) == 1 else names
            where = "on the 发文字号's line" if number is not None else "in the 版头"
            result.found.append((para, "letterhead.signer", f"签发人 {where}"))
            read = True
    return read


_TITLE_END = re.compile(r"(报告|情况|总结|报告书)$")
_DATE_IN_BRACKETS = re.compile(r"^[（(]\s*(?P<date>.+?)\s*[）)]$")
_CLAUSE_MARKS = re.compile(r"[，。；：,;:！？]")


def _title_like(para: Para) -> bool:
    text = para.text
    return (not para.is_table and len(text) <= MAX_TITLE_LINE_CHARS and not _CLAUSE_MARKS.search(text[-1])
            and "。" not in text and read_date(text) is None and heading_of(para, 0) is None)


def _title(paras: list[Para], start: int, result: Frame) -> int:
    if start < len(paras) and _title_like(paras[start]):
        start = _title_lines(paras, start, result)
    if start < len(paras):
        candidate = paras[start]
        text = candidate.text
        if not candidate.is_table and len(text) <= MAX_ADDRESSEE_CHARS and text[-1] in "：:" \
                and not _CLAUSE_MARKS.search(text[:-1]):
            result.addressee = candidate
            start += 1
    return start


def _title_lines(paras: list[Para], start: int, result: Frame) -> int:
    """The title's one to three lines (GB/T 9704 7.3.1), and a date in brackets under them."""
    title = [paras[start]]
    while start + len(title) < len(paras) and len(title) < 3:
        first, following = title[0], paras[start + len(title)]
        centred = first.block.align == following.block.align == "center" \
            and first.block.size_pt == following.block.size_pt
        ends_it = not _TITLE_END.search(title[-1].text) and bool(_TITLE_END.search(following.text))
        if not _title_like(following) or not (centred or (ends_it and len(title) < 2)) \
                or sum(len(p.text) for p in title) + len(following.text) > MAX_TITLE_CHARS:
            break
        title.append(following)
    result.title = title
    start += len(title)
    dated = _DATE_IN_BRACKETS.match(paras[start].text) if start < len(paras) else None
    if dated and read_date(dated["date"]):
        # A report without a signature may carry its date under the title: （2024年3月29日）.
        result.date, result.date_line = read_date(dated["date"]), paras[start]
        start += 1
    return start


# -- after the body ------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_ZH_NUMERALS = "一二三四五六七八九十"
_ZH_DATE = re.compile(rf"^([〇○零一二三四五六七八九]{{4}})年([{_ZH_NUMERALS}]{{1,3}})月([{_ZH_NUMERALS}]{{1,3}})日$")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_YEAR = re.compile(r"(?<!\d)((?:19|2\d)\d\d)\s*年")
_ZH_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})年")
_ZH_DIGITS = {ch: str(i) for i, ch in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0"}


def read_year(text: str) -> int | None:
    """The first year a text names: 2023年, 二〇二三年 (one a report may be about)."""
    arabic, chinese = _YEAR.search(text), _ZH_YEAR.search(text)
    year = None
    if arabic and (not chinese or arabic.start() < chinese.start()):
        year = int(arabic[1])
    elif chinese:
        year = int("".join(_ZH_DIGITS[ch] for ch in chinese[1]))
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


def read_date(text: str, numeric: bool = False) -> dt.date | None:
    """A date written as a whole line: 2024年3月29日, 二〇二四年三月二十九日; numeric: also
    2024-03-29 at the start (a web page's 成文日期 or 发布时间 value)."""
    text = text.strip()
    match = _DATE.match(text) or (_ISO_DATE.match(text) if numeric else None)
    day = None
    try:
        if match:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        zh = _ZH_DATE.match(text)
        if zh:
            month, day_of_month = chinese_ordinal(zh[2]), chinese_ordinal(zh[3])
            if month and day_of_month:
                day = dt.date(int("".join(_ZH_DIGITS[ch] for ch in zh[1])), month, day_of_month)
    except ValueError:
        return None
    return day if day is not None and FIRST_YEAR < day.year <= LAST_YEAR + 1 else None


_CC = re.compile(r"^抄\s*送[:：]\s*(?P<names>.+?)[。.]?$")
_PRINTED = re.compile(r"^(?P<printer>.*?\S)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*"
                      r"\d{1,2}\s*日)\s*印发$")
_NAMES_SEPARATOR = re.compile(r"[\s、，,；;]+")


def _distribution(paras: list[Para], start: int, result: Frame) -> int:
    end = len(paras)
    cc: list[str] = []
    printer: tuple[str, dt.date | None] | None = None
    while end > start:
        lines = _lines(paras[end - 1])
        if not lines or not all(_CC.match(line) or _PRINTED.match(line) for line in lines):
            break
        end -= 1
        for line in lines:
            printed, copied = _PRINTED.match(line), _CC.match(line)
            if printed and printer is None:
                printer = (printed["printer"], read_date(printed["date"]))
            elif copied and not cc:
                cc = [name for name in _NAMES_SEPARATOR.split(copied["names"]) if name]
    result.distribution_lines = paras[end:]
    if printer is None:
        # 抄送 alone: the 版记 needs its 印发机关 (a required field); the lines stay as text.
        result.leftover += [(p, "抄送 without a 印发 line: the 版记 needs its 印发机关 and date")
                            for p in result.distribution_lines]
        return end
    result.distribution = {"cc": cc} if cc else {}
    result.distribution |= {"printer": printer[0], "printed": printer[1]}
    result.found.append((result.distribution_lines[0], "distribution", "the 版记: 抄送 and 印发 lines at the end"))
    return end


_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*(?P<n>\d{1,2})?\s*[:：]?$")
_ATTACHMENT_LIST = re.compile(r"^附\s*件[:：]\s*(?P<rest>.*)$")
_LIST_NAME = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<name>\S.*)$")


def _attachment_pages(paras: list[Para], start: int, end: int, result: Frame) -> int:
    labels = [i for i in range(start, end) if _is_label(paras, i, end)]
    if not labels:
        return end
    for i, label in enumerate(labels):
        stop = labels[i + 1] if i + 1 < len(labels) else end
        block = paras[label + 1:stop]
        title: list[Para] = []
        if block and _title_like(block[0]):
            title = [block[0]]
            if len(block) > 1 and _title_like(block[1]) and block[0].block.align == block[1].block.align == "center" \
                    and block[0].block.size_pt == block[1].block.size_pt \
                    and len(block[0].text) + len(block[1].text) <= MAX_TITLE_CHARS:
                title.append(block[1])
        number = _ATTACHMENT_LABEL.match(paras[label].text)
        ordinal = int(number["n"]) if number and number["n"] else None
        result.attachments.append(AttachmentPage(paras[label], ordinal, title, block[len(title):]))
    return labels[0]


def _is_label(paras: list[Para], i: int, end: int) -> bool:
    """附件N alone on its line starts an attachment's page; "附件：" followed by "1.名称" is
    the 附件说明 instead."""
    match = _ATTACHMENT_LABEL.match(paras[i].text) if not paras[i].is_table else None
    if match is None:
        return False
    if match["n"] is None and paras[i].text.rstrip().endswith(("：", ":")):
        return not (i + 1 < end and _LIST_NAME.match(paras[i + 1].text))
    return True


_NOTE = re.compile(r"^[（(].+[）)]$")
_ORGAN = re.compile(r"(政府|委员会|办公室|办公厅|局|委|办|厅|部|院|署|会|中心|所|站|队|处|科|组)$")


def _signature_like(para: Para) -> bool:
    text = para.text
    return (not para.is_table and len(text) <= MAX_SIGNATURE_CHARS and not _CLAUSE_MARKS.search(text)
            and not text.startswith("特此") and heading_of(para, 0) is None and read_date(text) is None
            and not _ATTACHMENT_LIST.match(text) and not _LIST_NAME.match(text))


def _closing(paras: list[Para], start: int, end: int, result: Frame) -> int:
    """The 成文日期, the signature above it, the 附注 after it, the 附件说明 above them."""
    date_at = next((i for i in range(end - 1, max(start, end - 1 - MAX_AFTER_DATE) - 1, -1)
                    if not paras[i].is_table and read_date(paras[i].text)), None)
    if date_at is None and result.date_line is not None:     # dated under the title: no signature
        return _attachment_list(paras, start, end, result)
    closing = end
    if date_at is not None:
        result.date_line = paras[date_at]
        result.date = read_date(paras[date_at].text)
        for para in paras[date_at + 1:end]:
            if result.note is None and _NOTE.match(para.text):
                result.note = para
            else:
                result.leftover.append((para, "after the 成文日期, and not a 附注 in （）"))
        closing = date_at
        top = closing
        # The line just above the date signs; more lines above it are joint issuers, each an organ's name
        # (not the end of a 附件说明's long name, nor a short closing line of the text).
        while top > start and closing - top < MAX_SIGNERS and _signature_like(paras[top - 1]) \
                and (top == closing or _ORGAN.search(paras[top - 1].text)):
            top -= 1
        result.signature = paras[top:closing]
    else:
        top = closing
        while top > start and closing - top < MAX_SIGNERS and _signature_like(paras[top - 1]) \
                and _ORGAN.search(paras[top - 1].text):
            top -= 1
        result.signature = paras[top:closing]
        if result.signature:
            result.found.append((result.signature[0], "signature", "no 成文日期 line: the last line(s) name an "
                                                                   "organ, taken as the signature"))
    closing = top
    return _attachment_list(paras, start, closing, result)


def _attachment_list(paras: list[Para], start: int, end: int, result: Frame) -> int:
    """附件说明: "附件：1.名称" and the names on the lines below it, just above the signature."""
    for i in range(end - 1, max(start, end - MAX_ATTACHMENT_LIST_LINES) - 1, -1):
        match = _ATTACHMENT_LIST.match(paras[i].text) if not paras[i].is_table else None
        if match is None:
            continue
        names: list[tuple[str, Para]] = []
        rest = match["rest"]
        if rest:
            numbered = _LIST_NAME.match(rest)
            names.append((numbered["name"] if numbered else rest, paras[i]))
        for para in paras[i + 1:end]:
            numbered = _LIST_NAME.match(para.text)
            if numbered:
                names.append((numbered["name"], para))
            elif names and not para.is_table and "。" not in para.text \
                    and len(names[-1][0] + para.text) <= MAX_TITLE_CHARS:
                names[-1] = (names[-1][0] + para.text, names[-1][1])    # a long name wraps onto the next line
            else:
                return end
        result.attachment_list = names
        result.found.append((paras[i], "attachments", "the 附件说明 (附件：1.…) after the text"))
        return i
    return end


@functools.cache
def _title_size_pt() -> float:
    """The standard title's size (二号, the default profile's): a red line set larger is the
    版头's 发文机关标志 (GB/T 9704 7.2.4), whatever its alignment."""
    from docgen.format.profile import load_profile

    return load_profile().title.size_pt
