"""`raqib bench model`: load time, memory and scoring speed of the model in service.

Prints one line per measurement, then ONE line of JSON
``{"single_median_ms", "batch_per_s", "rss_mb", "load_s"}``. Targets: single <= 2 ms, batch >= 3,000/s,
RSS <= 300 MB, load <= 3 s. Texts: real AOC news comments read in place from the data folder when it is
there (a fixed random sample), else a dozen built-in invented comments.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path

from service.config import get_settings
from service.scoring.scorer import Scorer, load_scorer
from training.settings import get_training_settings

COMMENTS = (
    "مقال رائع وتحليل دقيق للوضع، شكرا للكاتب",
    "والله الحكومة لازم تتحرك بسرعة قبل ما تزيد الأسعار أكثر من كذا، الناس تعبت",
    "انت واحد حمار وما تفهم شي اسكت احسن لك",
    "للتواصل واتساب 0501234567 قروض فورية بدون كفيل",
    "ليه كل مرة نفس الكلام؟ نبي حلول مو وعود",
    "الله يرحمه ويغفر له ويسكنه فسيح جناته",
    "المنتخب لعب كويس بس الدفاع كان ضعيف جدا في الشوط التاني",
    "هاد الشي ماشي معقول، خاصهم يشوفو مشاكل الشباب ديال البلاد",
    "شو هالحكي؟ يعني كل شي صار غالي وما في حدا عم يحكي",
    "نتمنى من الوزارة أن تعيد النظر في هذا القرار لأنه يضر بالطلاب وأولياء الأمور في المناطق البعيدة، "
    "فالمواصلات صعبة والمدارس قليلة والمعلمون لا يكفون لكل الفصول",
    "تحيا مصر 🇪🇬❤️",
    "يا جماعة حد يعرف امتى هيفتحوا التسجيل؟",
)


# Real reader comments, read in place when the data folder is there: distinct texts keep the per-word
# cache honest. Without them the built-in comments above are cycled.
WARMUP = 5000  # comments scored before a steady-state batch, as a running worker would have
_AOC_FILES = ("raw/aoc_zaidan2011/dialect_youm7-segs.txt.norm", "raw/aoc_zaidan2011/MSA_alghad-segs.txt.norm")


def bench_texts(data_dir: Path, n: int) -> tuple[list[str], str]:
    """Up to n distinct real comments (AOC) and where they came from, else the built-in ones cycled."""
    lines: list[str] = []
    for relative in _AOC_FILES:
        path = data_dir / relative
        if path.is_file():
            lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(lines) >= n:
        return random.Random(0).sample(lines, n), f"{n} AOC news comments from {data_dir.name}"
    return list(islice(cycle(COMMENTS), n)), f"{len(COMMENTS)} built-in comments, cycled"


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _median_ms(fn: Callable[[str], object], texts: list[str], before: Callable[[], None]) -> float:
    times = []
    for text in texts:
        before()
        t0 = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _single(scorer: Scorer, texts: list[str]) -> float:
    """Print single-comment medians; return the cold-cache one with explanations (the JSON figure)."""
    model = scorer.model
    # Cold: the per-word feature cache is emptied before every call, so no comment reuses another's work.
    cold, warm = model.features_.clear_cache, lambda: None
    proba_ms = _median_ms(lambda t: model.predict_proba([t]), texts, cold)
    plain_ms = _median_ms(lambda t: scorer.score([t], explain=False), texts, cold)
    single_ms = _median_ms(lambda t: scorer.score([t], explain=True), texts, cold)
    all_ms = _median_ms(lambda t: model.explain_many(t, model.labels), texts, cold)
    warm_ms = _median_ms(lambda t: scorer.score([t], explain=True), texts, warm)
    print(f"single comment, median: predict_proba {proba_ms:.3f} ms (all heads, normalisation included)")
    print(f"single comment, median: score without explain {plain_ms:.3f} ms; with explain {single_ms:.3f} ms")
    print(f"single comment, median: explain every label {all_ms:.3f} ms; warm cache score {warm_ms:.3f} ms")
    return single_ms


def _batched(scorer: Scorer, batches: list[list[str]], warmup: list[str]) -> tuple[float, float]:
    """Comments/s over the batches (wall clock, per CPU-second), after scoring ``warmup`` on a fresh cache."""
    elapsed = cpu = 0.0
    for batch in batches:
        scorer.model.features_.clear_cache()
        if warmup:
            scorer.score(warmup, explain=False)
        t0, c0 = time.perf_counter(), time.process_time()
        scorer.score(batch, explain=False)
        elapsed, cpu = elapsed + time.perf_counter() - t0, cpu + time.process_time() - c0
    n = sum(len(b) for b in batches)
    return n / elapsed, n / cpu


def cli(argv: list[str]) -> int:
    """Entry point of `raqib bench`."""
    parser = argparse.ArgumentParser(prog="raqib bench", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["model"])
    parser.add_argument("--n", type=int, default=500, help="single-comment calls per measurement")
    parser.add_argument("--batch", type=int, default=1000, help="comments per batched call")
    args = parser.parse_args(argv)
    rss_before = _rss_mb()
    t0 = time.perf_counter()
    scorer = load_scorer(get_settings())
    load_s = time.perf_counter() - t0
    rss = _rss_mb()
    print(f"model {scorer.version}: labels {', '.join(scorer.model.labels)}")
    print(f"load: {load_s:.2f} s; RSS {rss:.0f} MB after load ({rss - rss_before:.0f} MB for the model)")
    texts, origin = bench_texts(get_training_settings().data_dir, args.n + WARMUP + 3 * args.batch)
    print(f"texts: {origin}")
    singles, warmup = texts[: args.n], texts[args.n : args.n + WARMUP]
    batches = [texts[args.n + WARMUP + i * args.batch :][: args.batch] for i in range(3)]
    scorer.score(singles[:20])  # first calls pay for lazy imports
    single_ms = _single(scorer, singles)
    cold_s, _ = _batched(scorer, batches, [])
    per_s, cpu_s = _batched(scorer, batches, warmup)
    # CPU time says what one uncontended core does; wall time is what this (possibly shared) machine did.
    print(f"batched ({args.batch} per call, no explain), cold cache: {cold_s:,.0f} comments/s")
    print(
        f"batched ({args.batch} per call, no explain), steady state (cache warmed on {len(warmup)} other "
        f"comments): {per_s:,.0f} comments/s wall-clock, {cpu_s:,.0f} per CPU-second"
    )
    print(f"RSS at end: {_rss_mb():.0f} MB")
    summary = {
        "single_median_ms": round(single_ms, 3),
        "batch_per_s": round(per_s, 1),
        "rss_mb": round(rss, 1),
        "load_s": round(load_s, 3),
    }
    print(json.dumps(summary))
    return 0
