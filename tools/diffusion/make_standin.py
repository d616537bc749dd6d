"""Makes the tiny random-weight stand-in of the diffusion renderer (exactly the artifact contract of
caig_renderer_artifact.py, a few hundred KB) and the reference numbers the Java tests match to 1e-5.

Runs on Debian's python3-torch (1.13): /usr/bin/python3 tools/diffusion/make_standin.py [OUT_DIR]
Default OUT_DIR: runtime/src/test/resources/diffusion-standin; the reference numbers go beside it, to
OUT_DIR-reference.json (not part of the artifact). Deterministic (fixed seeds).

What differs from a real export, on purpose: random weights (pictures are noise-like, not photos), a
WordLevel tokenizer.json over a small vocabulary instead of CLIP's BPE, and tiny convolutional modules. The
names, shapes, dtypes, token layout and scheduler constants are a real SD1.5 export's.
"""
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

import caig_renderer_artifact as artifact

HIDDEN = 768  # the real text encoder's width: the contract is kept, only the inside is tiny
WORDS = ("a an and the on in of with at by near under over wooden marble stone concrete glass metal fabric "
         "linen paper sand grass water snow table desk shelf counter floor wall window kitchen bathroom bedroom "
         "office studio beach forest garden city street park mountain sky sunset morning evening night soft warm "
         "cool bright dark golden daylight lighting light shadow shadows bokeh blur background surface scene "
         "minimal modern rustic vintage luxury clean cozy plants flowers leaves books cup vase candle "
         "white black gray grey red orange yellow green blue purple pink brown beige pastel neutral "
         "blurry lowres worst quality low text watermark deformed ugly").split()


class TextEncoder(nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.tokens = nn.Embedding(vocab, 32)
        self.positions = nn.Parameter(torch.randn(artifact.TEXT_LENGTH, 32) * 0.1)
        self.out = nn.Linear(32, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN)

    def forward(self, ids):
        return self.norm(self.out(torch.tanh(self.tokens(ids) + self.positions)))


class Denoiser(nn.Module):
    """UNet+ControlNet stand-in: latents, timestep, text hidden, control image, control scale -> noise."""

    def __init__(self, ch=16):
        super().__init__()
        self.time = nn.Linear(32, ch)
        self.text = nn.Linear(HIDDEN, ch)
        self.control = nn.Conv2d(3, ch, 3, padding=1)
        self.conv_in = nn.Conv2d(4, ch, 3, padding=1)
        self.mid = nn.Conv2d(ch, ch, 3, padding=1)
        self.conv_out = nn.Conv2d(ch, 4, 3, padding=1)

    def forward(self, latents, timestep, hidden, control, scale):
        freqs = torch.exp(-math.log(10000.0) * torch.arange(16, dtype=torch.float32) / 16).to(latents.dtype)
        angle = timestep.to(latents.dtype) * freqs
        t = self.time(torch.cat([torch.sin(angle), torch.cos(angle)]))
        text = self.text(hidden.mean(dim=1))
        residual = self.control(F.avg_pool2d(control, 8)) * scale
        x = F.silu(self.conv_in(latents) + t[None, :, None, None] + text[:, :, None, None])
        x = F.silu(self.mid(x) + residual)
        return self.conv_out(x)


class VaeEncoder(nn.Module):
    """Image in [-1, 1] -> latent mean (unscaled: the runtime multiplies by scalingFactor)."""

    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(3, 8, 3, 2, 1), nn.Conv2d(8, 8, 3, 2, 1), nn.Conv2d(8, 4, 3, 2, 1)])

    def forward(self, image):
        x = image
        for i, conv in enumerate(self.convs):
            x = conv(x) if i == len(self.convs) - 1 else F.silu(conv(x))
        return x


class VaeDecoder(nn.Module):
    """Latents (already divided by scalingFactor) -> image in [-1, 1]."""

    def __init__(self):
        super().__init__()
        self.conv_in = nn.Conv2d(4, 8, 3, padding=1)
        self.ups = nn.ModuleList([nn.Conv2d(8, 8, 3, padding=1) for _ in range(3)])
        self.conv_out = nn.Conv2d(8, 3, 3, padding=1)

    def forward(self, latents):
        x = F.silu(self.conv_in(latents))
        for conv in self.ups:
            x = F.silu(conv(F.interpolate(x, scale_factor=2.0, mode="nearest")))
        return torch.tanh(self.conv_out(x))


def tokenizer_json(vocab):
    """A HuggingFace tokenizers WordLevel file: lowercase, split on whitespace and punctuation."""
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for t in ("<|startoftext|>", "<|endoftext|>")],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None,
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<|unk|>"},
    }


# ---- reference numbers: the schedulers' formulas (diffusers' DDIMScheduler and EulerAncestralDiscreteScheduler
# with timestep_spacing "leading", steps_offset 1, set_alpha_to_one False), in float64 ----

def alphas_cumprod(s):
    betas = torch.linspace(s["betaStart"] ** 0.5, s["betaEnd"] ** 0.5, s["numTrainTimesteps"],
                           dtype=torch.float64) ** 2
    return torch.cumprod(1 - betas, dim=0)


def leading_timesteps(s, steps):
    ratio = s["numTrainTimesteps"] // steps
    return [i * ratio + s["stepsOffset"] for i in reversed(range(steps))]


def ddim_step(ac, s, steps, t, x, eps, eta, noise):
    prev_t = t - s["numTrainTimesteps"] // steps
    a_t = ac[t]
    a_prev = ac[prev_t] if prev_t >= 0 else ac[0]
    x0 = (x - (1 - a_t).sqrt() * eps) / a_t.sqrt()
    variance = (1 - a_prev) / (1 - a_t) * (1 - a_t / a_prev)
    std = eta * variance.sqrt()
    return a_prev.sqrt() * x0 + (1 - a_prev - std ** 2).sqrt() * eps + std * noise


def euler_sigmas(ac, timesteps):
    sig = ((1 - ac) / ac).sqrt()
    return [float(sig[t]) for t in timesteps] + [0.0]


def euler_ancestral_step(sigma, sigma_next, x, eps, noise):
    x0 = x - sigma * eps
    sigma_up = (sigma_next ** 2 * (sigma ** 2 - sigma_next ** 2) / sigma ** 2) ** 0.5
    sigma_down = (sigma_next ** 2 - sigma_up ** 2) ** 0.5
    return x + (x - x0) / sigma * (sigma_down - sigma) + noise * sigma_up


def flat(t):
    return [float(v) for v in t.reshape(-1)]


def references(out_dir, vocab):
    s = artifact.SD15_SCHEDULER
    ac = alphas_cumprod(s)
    steps = 5
    ts = leading_timesteps(s, steps)
    g = torch.Generator().manual_seed(1)
    x = torch.randn(1, 4, 2, 2, generator=g, dtype=torch.float64)
    eps = torch.randn(1, 4, 2, 2, generator=g, dtype=torch.float64)
    noise = torch.randn(1, 4, 2, 2, generator=g, dtype=torch.float64)
    uncond = torch.randn(1, 4, 2, 2, generator=g, dtype=torch.float64)
    sigmas = euler_sigmas(ac, ts)
    ref = {
        "steps": steps,
        "timesteps": ts,
        "alphasCumprod": [float(ac[t]) for t in ts],
        "finalAlphaCumprod": float(ac[0]),
        "eulerSigmas": sigmas,
        "eulerInitNoiseSigma": (max(sigmas) ** 2 + 1) ** 0.5,
        "x": flat(x), "eps": flat(eps), "noise": flat(noise), "uncond": flat(uncond),
        "ddimStep": {"index": 1, "eta": 0.5,
                     "out": flat(ddim_step(ac, s, steps, ts[1], x, eps, 0.5, noise))},
        "ddimLastStep": {"index": steps - 1, "eta": 0.0,
                         "out": flat(ddim_step(ac, s, steps, ts[-1], x, eps, 0.0, noise))},
        "eulerAncestralStep": {"index": 1,
                               "out": flat(euler_ancestral_step(sigmas[1], sigmas[2], x, eps, noise))},
        "cfg": {"guidance": 7.5, "out": flat(uncond + 7.5 * (eps - uncond))},
        "addNoiseDdim": {"index": 2, "out": flat(ac[ts[2]].sqrt() * x + (1 - ac[ts[2]]).sqrt() * noise)},
        "addNoiseEuler": {"index": 2, "out": flat(x + sigmas[2] * noise)},
    }
    # the modules themselves on fixed inputs: DJL must compute what PyTorch computes
    words = ["wooden", "table", "soft", "light"]
    ids = [vocab["<|startoftext|>"]] + [vocab[w] for w in words] + [vocab["<|endoftext|>"]]
    ids += [vocab["<|endoftext|>"]] * (artifact.TEXT_LENGTH - len(ids))
    ids_t = torch.tensor([ids], dtype=torch.int64)
    mods = {r: torch.jit.load(os.path.join(out_dir, f)) for r, f in artifact.MODULE_FILES.items()}
    gm = torch.Generator().manual_seed(2)
    lat = torch.randn(1, 4, 2, 2, generator=gm)
    control = torch.rand(1, 3, 16, 16, generator=gm)
    image = torch.rand(1, 3, 16, 16, generator=gm) * 2 - 1
    with torch.no_grad():
        hidden = mods["textEncoder"](ids_t)
        noise_pred = mods["denoiser"](lat, torch.tensor(ts[1]), hidden, control, torch.tensor(0.5))
        enc = mods["vaeEncoder"](image)
        dec = mods["vaeDecoder"](lat)
    ref["modules"] = {
        "text": " ".join(words), "ids": ids, "hiddenFirst8": flat(hidden[0, :2, :4]),
        "hiddenSum": float(hidden.double().sum()),
        "latents": flat(lat), "control": flat(control), "image": flat(image),
        "timestep": ts[1], "controlScale": 0.5,
        "noisePred": flat(noise_pred), "encoded": flat(enc), "decodedSum": float(dec.double().sum()),
        "decodedFirst8": flat(dec[0, 0, 0, :8]),
    }
    with open(os.path.normpath(out_dir) + "-reference.json", "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "..", "runtime", "src", "test", "resources", "diffusion-standin")
    torch.manual_seed(13)
    specials = ["<|unk|>", "<|startoftext|>", "<|endoftext|>"]
    vocab = {w: i for i, w in enumerate(specials + sorted(set(WORDS)))}
    modules = {
        "textEncoder": TextEncoder(len(vocab)),
        "denoiser": Denoiser(),
        "vaeEncoder": VaeEncoder(),
        "vaeDecoder": VaeDecoder(),
    }
    image_size = 512
    artifact.trace_all(modules, artifact.example_inputs(1, 64, HIDDEN), out_dir)
    with open(os.path.join(out_dir, "tokenizer.json"), "w") as f:
        json.dump(tokenizer_json(vocab), f, indent=1)
        f.write("\n")
    artifact.write_renderer_json(out_dir, "caig-standin-sd15-canny", image_size, HIDDEN, 0.18215,
                                 {"bos": vocab["<|startoftext|>"], "eos": vocab["<|endoftext|>"],
                                  "pad": vocab["<|endoftext|>"]},
                                 source="tools/diffusion/make_standin.py (random weights, test stand-in)")
    artifact.check_folder(out_dir)
    # fp16 variants for CUDA (render.precision fp16): scripted, so the dtype follows the inputs; a real export traces
    # them in half precision on the GPU. libtorch on CPU may lack half kernels: only bench/gpu-check.sh runs them.
    fp16 = os.path.join(out_dir, "fp16")
    os.makedirs(fp16, exist_ok=True)
    for role, module in modules.items():
        torch.jit.script(module.half().eval()).save(os.path.join(fp16, artifact.MODULE_FILES[role]))
        module.float()
    references(out_dir, vocab)
    print("wrote the stand-in renderer to " + os.path.normpath(out_dir))


if __name__ == "__main__":
    main()
