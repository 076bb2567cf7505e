"""Benchmark of KB-gap detection on generated demand with planted topics at known rates.

    .venv/bin/python bench/gaps.py                 # 10,000 and 100,000 items
    .venv/bin/python bench/gaps.py --sizes 20000 --seed 7 --threshold 0.4

Generated items imitate real demand: each planted topic is one question (an action on an object
with a specific detail: a product part, an error code, a platform) asked in varied words
(paraphrase templates, synonyms, typos, body text of mixed length, title-only search queries),
topics of heavy-tailed sizes share their common words ("password", "order", "error") with many
other topics, a few topics are in Korean and Thai, and the rest is one-off noise. It prints wall
time, peak memory (tracemalloc for Python objects, ru_maxrss for the process) and precision and
recall of detected gaps (topics with >= K distinct askers) against the planted gaps.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
import tracemalloc
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.test")

from escalation.gaps.engine import DemandItem, GapParams, detect_topics

ACTIONS = {
    "reset": ["reset", "recover", "restore"],
    "change": ["change", "update", "edit"],
    "cancel": ["cancel", "stop", "end"],
    "download": ["download", "save"],
    "delete": ["delete", "remove", "erase"],
    "export": ["export", "extract"],
    "connect": ["connect", "link", "integrate"],
    "upgrade": ["upgrade", "move up"],
    "refund": ["refund", "get money back for"],
    "sync": ["sync", "synchronise"],
    "share": ["share", "send"],
    "verify": ["verify", "confirm"],
    "import": ["import", "upload"],
    "transfer": ["transfer", "move"],
    "print": ["print", "print out"],
    "restore": ["roll back", "undo changes to"],
}
OBJECTS = {
    "password": ["password", "passcode"],
    "order": ["order", "purchase"],
    "invoice": ["invoice", "bill", "receipt"],
    "account": ["account", "profile"],
    "email": ["email address", "e-mail"],
    "subscription": ["subscription", "plan", "membership"],
    "card": ["credit card", "payment method", "card"],
    "phone": ["phone number", "mobile number"],
    "report": ["report", "summary report"],
    "team": ["team", "workspace"],
    "apikey": ["api key", "api token"],
    "webhook": ["webhook", "callback url"],
    "calendar": ["calendar", "schedule"],
    "contacts": ["contacts", "address book"],
    "photos": ["photos", "pictures", "images"],
    "backup": ["backup", "back-up"],
    "twofa": ["two-factor", "2fa", "two factor authentication"],
    "username": ["username", "user name", "login name"],
    "data": ["data", "records"],
    "license": ["license", "licence key"],
}
SYMPTOMS = [
    "error",
    "error message",
    "not working",
    "doesn't work",
    "fails",
    "keeps failing",
    "is stuck",
    "hangs",
    "is missing",
    "shows a blank page",
    "times out",
    "problem",
    "issue",
]
PLATFORMS = [
    "on iphone",
    "on android",
    "in chrome",
    "in safari",
    "in firefox",
    "on windows",
    "on mac",
    "in the mobile app",
    "on the website",
    "on ipad",
    "in edge",
    "on linux",
]
DOMAIN_WORDS = """
checkout cart coupon voucher discount shipping tracking courier warehouse pickup locker
dashboard widget sidebar toolbar banner popup tooltip thumbnail preview gallery album
spreadsheet csv pdf xml json zip archive attachment signature watermark template
slack zapier shopify salesforce hubspot mailchimp stripe paypal quickbooks xero dropbox
bluetooth wifi vpn proxy firewall certificate domain subdomain dns redirect sitemap
barcode scanner printer label receipt kiosk terminal tablet smartwatch headset
timezone currency language locale translation subtitle caption transcript recording
webinar meeting invite reminder notification digest newsletter unsubscribe spam
storage quota bandwidth cache cookie session token password-manager keychain
avatar nickname handle bio badge streak leaderboard referral affiliate loyalty points
payroll timesheet overtime invoice-number tax vat refund-policy warranty repair
appointment booking reservation waitlist ticket seat venue parking delivery-slot
""".split()  # noqa: SIM905 - a word list reads better as text
FILLER = [
    "I have already cleared the cache and restarted.",
    "Any ideas?",
    "This is urgent for our team.",
    "It worked fine last week.",
    "I looked in the settings but could not find anything.",
    "My colleague has the same problem.",
    "Thanks in advance.",
    "I am on the latest version.",
    "We are a small business on the standard plan.",
    "Screenshot attached.",
    "I contacted support twice already.",
    "Not sure if this is a bug or something I am doing wrong.",
]
TITLE_TEMPLATES = [
    "How do I {a} my {o} {d}?",
    "Can't {a} {o} {d}",
    "{o} {a} {s} {d}",
    "{a} {o} {d} - {s}",
    "Is there a way to {a} the {o} {d}",
    "{d}: unable to {a} {o}",
    "{o} {s} when I try to {a} it {d}",
    "Trying to {a} {o} {d} but it {s}",
    "{d} {o}: how to {a}?",
    "Why can I not {a} my {o} {d}",
]
BODY_TEMPLATES = [
    "I tried to {a} my {o} {d} but it {s}.",
    "Whenever I {a} the {o} {d} I get an {s}.",
    "Steps: open the {o} page, choose {a}, {d}. Result: {s}.",
    "We need to {a} our {o} {d}.",
]
KOREAN_TOPICS = [
    [
        "비밀번호 재설정 메일이 오지 않아요",
        "비밀번호 재설정 이메일을 받지 못했습니다",
        "비밀번호를 재설정하려는데 메일이 안 와요",
    ],
    ["환불은 언제 처리되나요", "환불 요청 후 처리 기간이 궁금합니다", "환불 처리가 아직 안 됐어요"],
    ["배송 조회가 안 돼요", "배송 조회 번호가 유효하지 않습니다", "주문한 상품 배송 조회 방법"],
    [
        "앱 로그인 오류가 발생합니다",
        "앱에서 로그인하면 오류가 나요",
        "로그인 오류 때문에 앱을 쓸 수 없어요",
    ],
    ["구독 해지 방법을 알려주세요", "구독을 해지하고 싶어요", "정기 구독 해지가 안 됩니다"],
    ["영수증 발급은 어디서 하나요", "영수증을 다시 발급받고 싶어요", "영수증 발급 요청합니다"],
]
THAI_TOPICS = [
    ["ลืมรหัสผ่านต้องทำอย่างไร", "ลืมรหัสผ่านเข้าระบบไม่ได้", "ลืมรหัสผ่านขอรหัสใหม่"],
    ["ยกเลิกการสมัครสมาชิก", "วิธียกเลิกสมาชิกรายเดือน", "ต้องการยกเลิกการสมัครสมาชิก"],
    ["ติดตามพัสดุไม่ได้", "เช็คสถานะพัสดุยังไง", "ติดตามพัสดุยังไม่มาส่ง"],
    ["ขอใบเสร็จรับเงิน", "ออกใบเสร็จรับเงินย้อนหลัง", "ใบเสร็จรับเงินหาย"],
    ["ชำระเงินด้วยบัตรเครดิตไม่ผ่าน", "บัตรเครดิตถูกปฏิเสธตอนชำระเงิน", "จ่ายเงินผ่านบัตรเครดิตไม่ได้"],
]
KOREAN_NOISE = ["안녕하세요", "도와주세요", "문의드립니다", "급합니다", "감사합니다"]
THAI_NOISE = ["ครับ", "ค่ะ", "ช่วยด้วย", "สอบถามหน่อย", "ขอบคุณ"]
SYLLABLES = "ka lo mi nu po ra se ti vu xe zo bri quan del fex gor hil jun mor tav wex".split()  # noqa: SIM905


def pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1 :]
    if kind < 0.7:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def with_typos(text: str, rng: random.Random, rate: float) -> str:
    return " ".join(typo(w, rng) if rng.random() < rate else w for w in text.split(" "))


class Generator:
    """Items with a planted topic label (None for one-off noise)."""

    def __init__(self, n: int, seed: int, topic_share: float = 0.5, typo_rate: float = 0.06):
        self.n, self.rng = n, random.Random(seed)
        self.topic_share, self.typo_rate = topic_share, typo_rate
        self.start = datetime(2026, 8, 1, tzinfo=UTC)
        # Product vocabulary: real words plus made-up feature and product names, shared by
        # topics and noise alike (a real help center has thousands of such terms).
        names = sorted({pseudo_word(self.rng) for _ in range(max(300, n // 40))})
        self.vocabulary = DOMAIN_WORDS + names
        self.used_words = set(names)

    def topic_signature(self, used: set) -> dict:
        rng = self.rng
        while True:
            sig = {
                "a": rng.choice(list(ACTIONS)),
                "o": rng.choice(list(OBJECTS)),
                "d": [rng.choice(DOMAIN_WORDS), rng.choice(self.vocabulary)],
                "p": rng.choice(PLATFORMS) if rng.random() < 0.5 else "",
                "code": f"E{rng.randint(1000, 9999)}" if rng.random() < 0.3 else "",
            }
            key = (sig["a"], sig["o"], *sorted(sig["d"]))
            if key not in used:
                used.add(key)
                return sig

    def render(self, sig: dict, kind: str) -> tuple[str, str]:
        rng = self.rng
        a = rng.choice(ACTIONS[sig["a"]])
        o = rng.choice(OBJECTS[sig["o"]])
        s = rng.choice(SYMPTOMS)
        words = list(sig["d"])
        rng.shuffle(words)
        detail = " ".join(words[: rng.choice([1, 2, 2, 2])])
        extra = [x for x in (sig["p"], sig["code"]) if x and rng.random() < 0.7]
        d = " ".join([f"with {detail}" if rng.random() < 0.5 else detail, *extra])
        if kind == "search":
            parts = [a, o, *words[: rng.randint(1, 2)], *extra[:1]]
            rng.shuffle(parts)
            return with_typos(" ".join(parts), rng, self.typo_rate), ""
        title = rng.choice(TITLE_TEMPLATES).format(a=a, o=o, s=s, d=d)
        body_parts = [
            rng.choice(BODY_TEMPLATES).format(a=a, o=o, s=s, d=" ".join(words))
            if rng.random() < 0.8
            else ""
        ]
        body_parts += rng.sample(FILLER, rng.randint(0, 4))
        if rng.random() < 0.3:
            body_parts.insert(0, " ".join(rng.sample(FILLER, 3)))
        return (
            with_typos(title, rng, self.typo_rate),
            with_typos(" ".join(body_parts), rng, self.typo_rate),
        )

    def one_off_word(self) -> str:
        """A made-up word no other item uses: one-off questions must not collide by chance."""
        while True:
            word = pseudo_word(self.rng) + pseudo_word(self.rng)
            if word not in self.used_words:
                self.used_words.add(word)
                return word

    def noise(self) -> tuple[str, str]:
        rng = self.rng
        sig = {
            "a": rng.choice(list(ACTIONS)),
            "o": rng.choice(list(OBJECTS)),
            "d": [rng.choice(self.vocabulary), self.one_off_word()],
            "p": rng.choice(PLATFORMS) if rng.random() < 0.3 else "",
            "code": "",
        }
        return self.render(sig, rng.choice(["thread", "thread", "ticket", "search"]))

    def sizes(self, total: int) -> list[int]:
        sizes, rng = [], self.rng
        while sum(sizes) < total:
            sizes.append(min(400, int(2 + rng.paretovariate(1.1))))
        return sizes

    def items(self) -> tuple[list[DemandItem], list[int | None]]:
        rng = self.rng
        planted = self.sizes(int(self.n * self.topic_share))
        rows: list[tuple[str, str, str, int | None]] = []
        used: set = set()
        language_topics = [("ko", t) for t in KOREAN_TOPICS] + [("th", t) for t in THAI_TOPICS]
        for label, size in enumerate(planted):
            if label < len(language_topics) and self.n >= 1000:
                lang, phrases = language_topics[label]
                for _ in range(size):
                    base = rng.choice(phrases)
                    prefix = rng.choice(KOREAN_NOISE if lang == "ko" else THAI_NOISE)
                    text = f"{prefix} {base}" if rng.random() < 0.5 else base
                    rows.append(("thread", text, base if rng.random() < 0.5 else "", label))
                continue
            sig = self.topic_signature(used)
            for _ in range(size):
                kind = rng.choice(["thread", "thread", "thread", "ticket", "search"])
                title, body = self.render(sig, kind)
                rows.append((kind, title, body, label))
        while len(rows) < self.n:
            if rng.random() < 0.02:
                lang_words = KOREAN_NOISE if rng.random() < 0.5 else THAI_NOISE
                rows.append(("thread", f"{rng.choice(lang_words)} {self.one_off_word()}", "", None))
            else:
                title, body = self.noise()
                rows.append(("thread", title, body, None))
        rows = rows[: self.n]
        rng.shuffle(rows)
        return self.build(rows)

    def build(self, rows) -> tuple[list[DemandItem], list[int | None]]:
        rng = self.rng
        asker_pool = max(10, self.n // 3)
        topic_askers: dict[int, list[str]] = {}
        items, labels = [], []
        for i, (kind, title, body, label) in enumerate(rows):
            previous = topic_askers.setdefault(label, []) if label is not None else []
            if previous and rng.random() < 0.15:
                asker = rng.choice(previous)
            else:
                asker = f"u{rng.randrange(asker_pool)}"
            previous.append(asker)
            created = self.start + timedelta(minutes=rng.randrange(90 * 24 * 60))
            items.append(DemandItem(kind, str(i), asker, title, body, created))
            labels.append(label)
        return items, labels


def evaluate(detection, items, labels, min_askers: int) -> dict:
    askers_by_label: dict[int, set] = {}
    for item, label in zip(items, labels, strict=True):
        if label is not None:
            askers_by_label.setdefault(label, set()).add(item.asker_key)
    planted = {label for label, askers in askers_by_label.items() if len(askers) >= min_askers}
    gaps = [t for t in detection.topics if t.asker_count >= min_askers]
    best_for: dict[int, int] = {}
    merged = 0
    for gap in gaps:
        counts = Counter(labels[m] for m in gap.members)
        label, count = counts.most_common(1)[0]
        shares = [c for lab, c in counts.items() if lab is not None and c >= 0.2 * len(gap.members)]
        merged += len(shares) > 1
        if label is not None and label in planted and count >= 0.5 * len(gap.members):
            best_for[label] = max(best_for.get(label, 0), count)
    correct = len(best_for)
    return {
        "gaps": len(gaps),
        "planted": len(planted),
        "precision": correct / len(gaps) if gaps else 1.0,
        "recall": correct / len(planted) if planted else 1.0,
        "merged": merged,
    }


def _cpu_seconds() -> float:
    """User + system CPU of this process and its finished children (the tokeniser workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(n: int, seed: int, params: GapParams, min_askers: int, traced: bool) -> dict:
    items, labels = Generator(n, seed).items()
    if traced:  # exact Python-heap peak, but tracemalloc slows the run about 2x
        tracemalloc.start()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    detection = detect_topics(items, params)
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    tracemalloc.stop()
    result = evaluate(detection, items, labels, min_askers)
    result.update(
        n=n,
        seconds=elapsed,
        cpu=cpu,
        peak_mb=peak / 2**20,
        rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        topics=len(detection.topics),
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--min-askers", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--idf-power", type=float, default=None)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap")
    args = parser.parse_args()
    params = GapParams()
    if args.threshold is not None:
        params = replace(params, threshold=args.threshold)
    if args.idf_power is not None:
        params = replace(params, idf_power=args.idf_power)
    print(f"params: {params}")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    header = f"{'items':>8} {'wall s':>7} {'cpu s':>6} {'traced MB':>9} {'peak RSS MB':>11} {'gaps':>6} {'planted':>7} {'precision':>9} {'recall':>6} {'merged':>6}"
    print(header)
    for n in args.sizes:
        r = run(n, args.seed, params, args.min_askers, args.tracemalloc)
        print(
            f"{r['n']:>8} {r['seconds']:>7.1f} {r['cpu']:>6.1f} {r['peak_mb']:>9.0f} {r['rss_mb']:>11.0f} "
            f"{r['gaps']:>6} {r['planted']:>7} {r['precision']:>9.3f} {r['recall']:>6.3f} {r['merged']:>6}",
            flush=True,
        )


if __name__ == "__main__":
    main()
