#!/usr/bin/python3
"""PyTorch eager reference for the prompt model's training step (bench/steptime.sh).

Re-implements runtime/.../model/PromptModelBlock (patch image encoder, GELU projector, pre-LN causal decoder) with
the same layer shapes as DJL's blocks, reads the batch that PromptModelStepBenchmark wrote (token ids, image slots,
answer mask, parameter shapes), and times forward + answer cross-entropy + backward + clip-grad-norm + AdamW with the
same batch and thread count. Prints and writes the parameter count; the wrapper fails if it differs from DJL's.

Usage: /usr/bin/python3 prompt_model.py BATCH_JSON OUT_JSON THREADS [WARMUP] [STEPS] [PROFILE_TRACE_JSON]
"""
import json
import math
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    """DJL's ScaledDotProductAttentionBlock: q/k/v/result projections with bias, scores / sqrt(H), additive mask."""

    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.key = nn.Linear(dim, dim)
        self.query = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)
        self.result = nn.Linear(dim, dim)
        self.dropout = nn.Dropout(0.0)

    def forward(self, x, mask):
        b, t, e = x.shape
        h = e // self.heads
        flat = x.reshape(b * t, e)

        def heads(p):
            return p.reshape(b, t, self.heads, h).transpose(1, 2)

        k, q, v = heads(self.key(flat)), heads(self.query(flat)), heads(self.value(flat))
        scores = q.matmul(k.transpose(2, 3)) * (1.0 / math.sqrt(h))
        scores = scores + (1.0 - mask.reshape(b, 1, t, t)) * -100000.0
        probs = self.dropout(scores.softmax(3))
        out = probs.matmul(v).transpose(1, 2).reshape(b * t, e)
        return self.result(out).reshape(b, t, e)


class TransformerLayer(nn.Module):
    """Pre-LayerNorm: x + attn(LN(x), mask), then x + ffn(LN(x)); ffn = Linear(4E), GELU, Linear(E)."""

    def __init__(self, dim, heads):
        super().__init__()
        self.attention_norm = nn.LayerNorm(dim)
        self.attention = Attention(dim, heads)
        self.feed_forward_norm = nn.LayerNorm(dim)
        self.hidden = nn.Linear(dim, 4 * dim)
        self.output = nn.Linear(4 * dim, dim)

    def forward(self, x, mask):
        x = x + self.attention(self.attention_norm(x), mask)
        return x + self.output(F.gelu(self.hidden(self.feed_forward_norm(x))))


class PatchImageEncoder(nn.Module):
    def __init__(self, image_size, patch_size, dim, heads):
        super().__init__()
        self.patches = (image_size // patch_size) ** 2
        self.embedding = nn.Conv2d(3, dim, patch_size, stride=patch_size)
        self.position = nn.Parameter(torch.randn(1, self.patches, dim) * 0.02)
        self.mixer = TransformerLayer(dim, heads)

    def forward(self, images):
        b = images.shape[0]
        grid = self.embedding(images)
        tokens = grid.reshape(b, grid.shape[1], self.patches).transpose(1, 2) + self.position
        return self.mixer(tokens, torch.ones(b, self.patches, self.patches))


class PromptModel(nn.Module):
    def __init__(self, a):
        super().__init__()
        dim = a["embedDim"]
        self.dim = dim
        self.token_embedding = nn.Embedding(a["vocabSize"], dim)
        self.position = nn.Parameter(torch.randn(1, a["maxSeqLen"], dim) * 0.02)
        self.image_encoder = PatchImageEncoder(a["imageSize"], a["patchSize"], dim, a["heads"])
        self.projector = nn.Sequential(nn.Linear(dim, dim), nn.GELU(), nn.Linear(dim, dim))
        self.layers = nn.ModuleList(TransformerLayer(dim, a["heads"]) for _ in range(a["layers"]))
        self.final_norm = nn.LayerNorm(dim)
        self.lm_head = nn.Linear(dim, a["vocabSize"])

    def forward(self, ids, images, slots):
        b, t = ids.shape
        image_tokens = self.projector(self.image_encoder(images))
        text = self.token_embedding(ids)
        is_image = (slots >= 0).float().unsqueeze(2)
        slot_index = slots.clamp(min=0).unsqueeze(2).expand(b, t, self.dim)
        spliced = image_tokens.gather(1, slot_index)
        x = text * (1 - is_image) + spliced * is_image + self.position[:, :t]
        positions = torch.arange(t)
        mask = (positions.unsqueeze(1) >= positions.unsqueeze(0)).float().unsqueeze(0).expand(b, t, t)
        for layer in self.layers:
            x = layer(x, mask)
        return self.lm_head(self.final_norm(x))


def answer_cross_entropy(logits, ids, answer_mask):
    t = ids.shape[1]
    log_probs = logits[:, : t - 1].log_softmax(-1).gather(2, ids[:, 1:].unsqueeze(-1)).squeeze(-1)
    mask = answer_mask[:, 1:]
    return -(log_probs * mask).sum() / mask.sum().clamp(min=1.0)


# Where the warm-up curve's windows end: the same as PromptModelStepBenchmark.WARMUP_WINDOWS.
WARMUP_WINDOWS = (10, 30, 100, 200, 500, 1000, 2000)


def window_medians(values):
    """Median step time over consecutive windows of the warm-up steps (1-based, inclusive bounds)."""
    windows, start = [], 0
    for bound in WARMUP_WINDOWS:
        end = min(bound, len(values))
        if end <= start:
            break
        windows.append({"firstStep": start + 1, "lastStep": end, "medianStepMs": percentile(values[start:end], 50)})
        start = end
    return windows


def percentile(values, p):
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return round(ordered[min(rank, len(ordered)) - 1], 2)


def blas_library():
    """The BLAS this process loaded (Debian's torch links the generic libblas.so.3)."""
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "blas" in line.split()[-1]}
    return sorted(paths)


def main():
    batch_file, out_file, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    steps = int(sys.argv[5]) if len(sys.argv) > 5 else 60
    profile = sys.argv[6] if len(sys.argv) > 6 else None
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(7)
    with open(batch_file) as f:
        spec = json.load(f)
    a = spec["architecture"]
    b, t = spec["batch"], spec["sequenceLength"]
    model = PromptModel(a)
    model.train()
    shapes = sorted(list(p.shape) for p in model.parameters())
    djl_shapes = sorted(spec["parameterShapes"])
    parameters = sum(p.numel() for p in model.parameters())
    ids = torch.tensor(spec["ids"], dtype=torch.int64).reshape(b, t)
    slots = torch.tensor(spec["slots"], dtype=torch.int64).reshape(b, t)
    answer_mask = torch.tensor(spec["answerMask"], dtype=torch.float32).reshape(b, t)
    # Pixel values do not change the work done; normalised images like ImageTensors.batch produces.
    images = torch.randn(b, 3, a["imageSize"], a["imageSize"])
    optimizer = torch.optim.AdamW(model.parameters(), lr=spec["learningRate"], weight_decay=spec["weightDecay"], eps=1e-8)

    warmup_totals, totals, forward_loss, backward, optimizer_ms = [], [], [], [], []
    cpu_phases = {"forwardLossCpu": [], "backwardCpu": [], "optimizerCpu": []}
    profiler = None
    for i in range(warmup + steps):
        if i == warmup:
            cpu_start = time.process_time()
            if profile:
                profiler = torch.autograd.profiler.profile()
                profiler.__enter__()
        start, start_cpu = time.perf_counter(), time.thread_time()
        loss = answer_cross_entropy(model(ids, images, slots), ids, answer_mask)
        forward_done, forward_cpu = time.perf_counter(), time.thread_time()
        loss.backward()
        backward_done, backward_cpu = time.perf_counter(), time.thread_time()
        torch.nn.utils.clip_grad_norm_(model.parameters(), spec["maxGradNorm"])
        optimizer.step()
        optimizer.zero_grad(set_to_none=False)
        end, end_cpu = time.perf_counter(), time.thread_time()
        if i < warmup:
            warmup_totals.append((end - start) * 1e3)
        else:
            totals.append((end - start) * 1e3)
            forward_loss.append((forward_done - start) * 1e3)
            backward.append((backward_done - forward_done) * 1e3)
            optimizer_ms.append((end - backward_done) * 1e3)
            cpu_phases["forwardLossCpu"].append((forward_cpu - start_cpu) * 1e3)
            cpu_phases["backwardCpu"].append((backward_cpu - forward_cpu) * 1e3)
            cpu_phases["optimizerCpu"].append((end_cpu - backward_cpu) * 1e3)
    cpu = time.process_time() - cpu_start
    if profiler:
        profiler.__exit__(None, None, None)
        profiler.export_chrome_trace(profile)

    result = {
        "engine": "PyTorch eager " + torch.__version__,
        "blas": blas_library(),
        "threads": torch.get_num_threads(),
        "interopThreads": torch.get_num_interop_threads(),
        "batch": b,
        "sequenceLength": t,
        "parameters": parameters,
        "parameterTensors": len(shapes),
        "sameParameterShapes": shapes == djl_shapes,
        "warmupSteps": warmup,
        "warmupCurve": window_medians(warmup_totals),
        "steps": steps,
        "medianStepMs": round(statistics.median(totals), 2),
        "p10StepMs": percentile(totals, 10),
        "p90StepMs": percentile(totals, 90),
        "medianPhaseMs": {
            "backward": round(statistics.median(backward), 2),
            "forwardLoss": round(statistics.median(forward_loss), 2),
            "optimizer": round(statistics.median(optimizer_ms), 2),
            **{name: round(statistics.median(values), 2) for name, values in sorted(cpu_phases.items())},
        },
        "meanCpuMsPerStep": round(cpu * 1e3 / steps, 2),
        "lastLoss": round(loss.item(), 4),
    }
    with open(out_file, "w") as f:
        json.dump(result, f, indent=2)
    phases = result["medianPhaseMs"]
    print("pytorch: %d parameters, batch %d x %d tokens, %d threads: median step %.1f ms "
          "(forward+loss %.1f, backward %.1f, optimizer %.1f; CPU %.1f, %.1f, %.1f)" % (
              parameters, b, t, result["threads"], result["medianStepMs"], phases["forwardLoss"], phases["backward"],
              phases["optimizer"], phases["forwardLossCpu"], phases["backwardCpu"], phases["optimizerCpu"]))


if __name__ == "__main__":
    main()
