"""The diffusion renderer's artifact contract, shared by export_sd15_controlnet.py (real weights) and
make_standin.py (tiny random weights): module names, example inputs, tracing, renderer.json, and a check that
every traced module runs with the shapes renderer.json promises. The Java side (dev.caig.runtime.render.diffusion)
reads exactly this; change both together.
"""
import json
import os

import torch

FORMAT = "caig-diffusion-renderer/1"
TEXT_LENGTH = 77
MODULE_FILES = {
    "textEncoder": "text_encoder.pt",
    "denoiser": "denoiser.pt",
    "vaeEncoder": "vae_encoder.pt",
    "vaeDecoder": "vae_decoder.pt",
}
# SD1.5's scheduler (scheduler_config.json of every SD1.5 checkpoint): the training betas and prediction type
SD15_SCHEDULER = {
    "numTrainTimesteps": 1000,
    "betaStart": 0.00085,
    "betaEnd": 0.012,
    "betaSchedule": "scaled_linear",
    "predictionType": "epsilon",
    "stepsOffset": 1,
}


def example_inputs(batch, image_size, text_hidden, downsample=8):
    """Inputs of the shapes and dtypes of the contract: the traced graphs take exactly these."""
    h = image_size // downsample
    g = torch.Generator().manual_seed(0)
    ids = torch.zeros(batch, TEXT_LENGTH, dtype=torch.int64)
    latents = torch.randn(batch, 4, h, h, generator=g)
    timestep = torch.tensor(500, dtype=torch.int64)
    hidden = torch.randn(batch, TEXT_LENGTH, text_hidden, generator=g)
    control = torch.rand(batch, 3, image_size, image_size, generator=g)
    scale = torch.tensor(1.0, dtype=torch.float32)
    image = torch.rand(batch, 3, image_size, image_size, generator=g) * 2 - 1
    return {
        "textEncoder": (ids,),
        "denoiser": (latents, timestep, hidden, control, scale),
        "vaeEncoder": (image,),
        "vaeDecoder": (latents,),
    }


def trace_all(modules, inputs, out_dir):
    """Traces each module (eval mode, no grad) with its example inputs and saves it under its contract name."""
    os.makedirs(out_dir, exist_ok=True)
    for role, module in modules.items():
        module.eval()
        with torch.no_grad():
            traced = torch.jit.trace(module, inputs[role], check_trace=False)
        traced.save(os.path.join(out_dir, MODULE_FILES[role]))


def write_renderer_json(out_dir, name, image_size, text_hidden, scaling_factor, tokens, scheduler=None,
                        latent_channels=4, downsample=8, source=None):
    spec = {
        "format": FORMAT,
        "name": name,
        "imageSize": image_size,
        "latentChannels": latent_channels,
        "latentDownsample": downsample,
        "textLength": TEXT_LENGTH,
        "textHidden": text_hidden,
        "scalingFactor": scaling_factor,
        "scheduler": scheduler or SD15_SCHEDULER,
        "tokens": tokens,
        "modules": MODULE_FILES,
        "tokenizer": "tokenizer.json",
    }
    if source:
        spec["source"] = source
    with open(os.path.join(out_dir, "renderer.json"), "w") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")
    return spec


def check_folder(out_dir, batch=2, image_size=64):
    """Loads every module and runs it at a small size: the shapes must be those renderer.json promises."""
    with open(os.path.join(out_dir, "renderer.json")) as f:
        spec = json.load(f)
    if not os.path.exists(os.path.join(out_dir, spec["tokenizer"])):
        raise SystemExit(out_dir + ": tokenizer.json is missing")
    down = spec["latentDownsample"]
    inputs = example_inputs(batch, image_size, spec["textHidden"], down)
    h = image_size // down
    expected = {
        "textEncoder": (batch, TEXT_LENGTH, spec["textHidden"]),
        "denoiser": (batch, spec["latentChannels"], h, h),
        "vaeEncoder": (batch, spec["latentChannels"], h, h),
        "vaeDecoder": (batch, 3, image_size, image_size),
    }
    for role, file in spec["modules"].items():
        module = torch.jit.load(os.path.join(out_dir, file))
        with torch.no_grad():
            out = module(*inputs[role])
        if tuple(out.shape) != expected[role]:
            raise SystemExit("%s: %s gives %s, renderer.json promises %s" % (out_dir, file, tuple(out.shape),
                                                                            expected[role]))
    return spec
