"""Hostile but valid input to ``python -m articles``: time, peak RSS and the one line each gives.

    .venv/bin/python benchmarks/bench_hostile_ingest.py [--records 300000] [--only CASE ...] [--keep DIR]

Each case's file is made up here (synthetic text, no corpus needed) in a temporary folder,
deleted afterwards (about 200 MB at most at a time), and read by ``python -m articles`` in its own
process into a fresh store, beside a small good file: the line printed gives the wall time, the
child's peak RSS, the counts line and the first rejection line (which must name the file and the
problem), and whether the good file was stored too (the rest goes on). Cases:

* ``sentence-zh`` / ``sentence-en``: one article whose body is a single 5 MB "sentence";
* ``page-50mb``: a 50 MB HTML page (over the default cap; then under ``--max-bytes 60,000,000``);
* ``unclosed-divs``: a page of 2,000 paragraphs, each opening a <div> it never closes;
* ``rss-200k``: an RSS feed of 200,000 items (``--max-bytes 40,000,000``);
* ``laughs``: an Atom feed declaring billion-laughs entities;
* ``jsonl``: ``--records`` small JSON Lines records, gzip'd (``--max-bytes`` lifted), streamed;
* ``csv-100mb-field``: a CSV row with one 100 MB field, under ``--max-bytes 200,000,000``;
* ``csv-stray-quote``: 5,000 rows, a stray quote in row 5 closed in row 4,000;
* ``gzip-zeros`` / ``gzip-line``: 1-2 MB gzips of 1-2 GB (zeros; one line), ``--max-bytes 3e9``;
* ``junk-html``, ``bad-utf8``, ``utf16-bom``: binary bytes named .html, UTF-8 with a bad byte,
  UTF-16 with its byte-order mark.

Figures move with the machine's load (the load average is printed); nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("the minister said on Monday that about two hundred people were killed when the bridge over "
         "the river collapsed after heavy rain police officials reported more injured").split()
HAN = "市政府召开新闻发布会宣布三项新措施发言人表示这些措施将在下周实施大桥倒塌造成人员伤亡警方正在调查"


def _front(title: str, body: str) -> str:
    return f"---\ntitle: {title}\noutlet: Test Wire\ndate: 2021-07-12T10:00:00Z\n---\n{body}\n"


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _sentence_zh(folder: Path, rng: random.Random) -> tuple[Path, list[str]]:
    path = folder / "sentence-zh.md"
    path.write_text(_front("一句话", "".join(rng.choice(HAN) for _ in range(1_750_000))), encoding="utf-8")
    return path, []


def _sentence_en(folder: Path, rng: random.Random) -> tuple[Path, list[str]]:
    path = folder / "sentence-en.md"
    path.write_text(_front("One sentence", _words(rng, 900_000)[:5_000_000]), encoding="utf-8")
    return path, []


def _page(folder: Path, rng: random.Random, paragraphs: str, name: str) -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8") as out:
        out.write("<!doctype html><html><head><title>Bridge collapses</title>"
                  "<meta property='og:site_name' content='City News'>"
                  "<meta property='article:published_time' content='2021-07-12T10:00:00Z'></head><body><article>")
        out.write(paragraphs)
        out.write("</article></body></html>")
    return path


def _page_50mb(folder: Path, rng: random.Random) -> tuple[Path, list[str]]:
    block = "".join(f"<p>{_words(rng, 60)}.</p>\n" for _ in range(100))
    return _page(folder, rng, block * (50_000_000 // len(block)), "page-50mb.html"), ["--max-bytes", "60000000"]


def _unclosed_divs(folder: Path, rng: random.Random) -> tuple[Path, list[str]]:
    return _page(folder, rng, "".join(f"<div><p>{_words(rng, 30)}.</p>\n" for _ in range(2_000)),
                 "unclosed-divs.html"), []


def _rss(folder: Path, rng: random.Random) -> tuple[Path, list[str]]:
    path = folder / "rss-200k.xml"
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Big Feed</title>'
                  "<link>https://big.example/</link>\n")
        for i in range(200_000):
            out.write(f"<item><title>Item {i}</title><link>https://big.example/{i}</link>"
                      f"<pubDate>Mon, 12 Jul 2021 10:00:00 GMT</pubDate><description>Text {i}.</description></item>\n")
        out.write("</channel></rss>")
    return path, ["--max-bytes", "40000000"]


def _laughs(folder: Path, rng: random.Random) -> tuple[Path, list[str]]:
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    path = folder / "laughs.atom"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE feed [{entities}]><feed xmlns="http://www.w3.org/2005/Atom">'
                    "<title>Laughs</title><entry><title>Laugh &lol9;</title><id>urn:x:1</id>"
                    "<updated>2021-07-12T10:00:00Z</updated><content>&lol9;</content></entry></feed>")
    return path, []


def _jsonl(folder: Path, rng: random.Random, records: int) -> tuple[Path, list[str]]:
    path = folder / "records.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        for i in range(records):
            out.write(json.dumps({"title": f"Record {i} {rng.choice(WORDS)}", "url": f"https://j.example/{i}",
                                  "date": "2021-07-12", "outlet": "J Wire", "text": f"Body {i}."}) + "\n")
    return path, ["--max-bytes", str(400 * records + 1_000_000)]


def _csv_field(folder: Path, rng: random.Random) -> tuple[Path, list[str]]:
    path = folder / "csv-100mb-field.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("title,url,date,outlet,text\nSmall,https://c.example/1,2021-07-12,C,A body.\n")
        out.write('Huge,https://c.example/2,2021-07-12,C,"' + "x " * 50_000_000 + '"\n')
        out.write("After,https://c.example/3,2021-07-12,C,Another body.\n")
    return path, ["--max-bytes", "200000000"]


def _csv_quote(folder: Path, rng: random.Random) -> tuple[Path, list[str]]:
    rows = [f"Title {i},https://q.example/{i},2021-07-12,Q,Body {i}." for i in range(1, 5_001)]
    rows[4] = rows[4].replace("Body", '"Body')
    rows[3_999] = rows[3_999].replace("Body", 'Bo"dy')
    path = folder / "csv-stray-quote.csv"
    path.write_text("title,url,date,outlet,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path, []


def _gzip(folder: Path, name: str, start: bytes, byte: bytes, megabytes: int) -> tuple[Path, list[str]]:
    path = folder / name
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(start)
        block = byte * (1 << 20)
        for _ in range(megabytes):
            out.write(block)
    return path, ["--max-bytes", "3000000000"]


def _small(folder: Path, name: str, data: bytes) -> tuple[Path, list[str]]:
    path = folder / name
    path.write_bytes(data)
    return path, []


def cases(records: int) -> dict[str, Callable[[Path, random.Random], tuple[Path, list[str]]]]:
    body = (HAN * 5).encode()
    return {
        "sentence-zh": _sentence_zh, "sentence-en": _sentence_en, "page-50mb": _page_50mb,
        "unclosed-divs": _unclosed_divs, "rss-200k": _rss, "laughs": _laughs,
        "jsonl": lambda folder, rng: _jsonl(folder, rng, records),
        "csv-100mb-field": _csv_field, "csv-stray-quote": _csv_quote,
        "gzip-zeros": lambda folder, rng: _gzip(folder, "zeros.jsonl.gz", b"", b"\0", 2048),
        "gzip-line": lambda folder, rng: _gzip(folder, "line.jsonl.gz", b'{"title": "x", "text": "', b"a", 1024),
        "junk-html": lambda folder, rng: _small(folder, "junk.html", rng.randbytes(300_000)),
        "bad-utf8": lambda folder, rng: _small(folder, "bad-utf8.md", _front("坏字节", "").encode()
                                               + body[:600] + b"\xff" + body[600:]),
        "utf16-bom": lambda folder, rng: _small(folder, "utf16.md", b"\xff\xfe"
                                                + _front("UTF-16", HAN).encode("utf-16-le")),
    }


# ``python -m articles ARGS`` in this child, then its own peak RSS (KB) as the last line of stderr:
# VmHWM, not getrusage's ru_maxrss, which a child inherits from this process across fork and exec
# (this one holds a 100 MB field while it writes it).
_MEASURED = ("import re, sys\nfrom articles.__main__ import main\ntry:\n    code = main(sys.argv[1:])\n"
             "finally:\n    status = open('/proc/self/status').read()\n"
             "    print(re.search(r'VmHWM:\\s*(\\d+)', status).group(1), file=sys.stderr)\n"
             "sys.exit(code)\n")


def run_case(name: str, make, folder: Path) -> None:
    case = folder / name
    case.mkdir()
    path, options = make(case, random.Random(7))
    (case / "good.md").write_text(_front("A good article", "The bridge reopened on Monday. Traffic is back."),
                                  encoding="utf-8")
    cmd = [sys.executable, "-c", _MEASURED, str(case), "--db", str(folder / f"{name}.db"), *options]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    elapsed = time.perf_counter() - t0
    lines = out.stderr.strip().splitlines()
    peak = int(lines.pop()) if lines and lines[-1].isdigit() else 0  # (the child's own peak, in KB)
    counts = next((line for line in reversed(lines) if " new article" in line), lines[-1] if lines else "")
    rejection = next((line[len(str(case)) + 1:] for line in lines if line.startswith(str(case))), " no rejection")
    size = path.stat().st_size
    print(f"{name}: {size / 1e6:,.1f} MB file{' ' + ' '.join(options) if options else ''}: {elapsed:.1f} s, "
          f"peak RSS {peak / 1024:.0f} MB, exit {out.returncode}; "
          f"{counts};{rejection[:220]}", flush=True)
    shutil.rmtree(case)
    for extra in folder.glob(f"{name}.db*"):
        extra.unlink()


def main() -> int:
    sys.path.insert(0, str(ROOT))  # run as a script: the repository's cli module
    from cli import HelpFormatter

    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=300_000, help="JSON Lines records (default 300,000)")
    parser.add_argument("--only", nargs="*", help="run these cases only")
    args = parser.parse_args()
    chosen = cases(args.records)
    names = args.only or list(chosen)
    print(f"python -m articles on hostile input, each case alone (load average {os.getloadavg()[0]:.1f}):")
    with tempfile.TemporaryDirectory(prefix="parallax-hostile-") as folder:
        for name in names:
            run_case(name, chosen[name], Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
