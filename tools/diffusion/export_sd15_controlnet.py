"""Exports a diffusers SD1.5 checkpoint + a canny ControlNet (optionally a LoRA, fused) into the CAIG
diffusion-renderer artifact folder that `caig renderer import` publishes.

    python3 export_sd15_controlnet.py --base DIR_OR_ID --controlnet DIR_OR_ID [--lora FILE --lora-scale 0.8] \
        [--size 512] [--device cuda] --out DIR

Needs torch, diffusers and transformers (a GPU machine or a workstation; not these CPU build machines, where
diffusers cannot be installed, so this script has NOT been run in this repository). Its tracing, renderer.json
and the shape check are caig_renderer_artifact.py, the same code make_standin.py runs here.

The modules (fp32; on CUDA also fp16/ with the same modules traced in half precision, for render.precision fp16):
  text_encoder.pt  CLIP text model: token ids int64 [B,77] -> last hidden state float [B,77,768]
  denoiser.pt      ControlNet fused into the UNet: (latents [B,4,h,w], timestep int64 0-d, text hidden
                   [B,77,768], control image [B,3,H,W] in [0,1], control scale float 0-d) -> predicted noise
  vae_encoder.pt   image [B,3,H,W] in [-1,1] -> latent mean [B,4,h,w] (unscaled)
  vae_decoder.pt   latents / scalingFactor [B,4,h,w] -> image [B,3,H,W] in [-1,1]
"""
import argparse
import os
import shutil

import torch

import caig_renderer_artifact as artifact


class TextEncoder(torch.nn.Module):
    def __init__(self, clip):
        super().__init__()
        self.clip = clip

    def forward(self, ids):
        return self.clip(ids, return_dict=False)[0]


class FusedDenoiser(torch.nn.Module):
    """The ControlNet's residuals go straight into the UNet: one module, one call per step."""

    def __init__(self, unet, controlnet):
        super().__init__()
        self.unet = unet
        self.controlnet = controlnet

    def forward(self, latents, timestep, hidden, control, scale):
        down, mid = self.controlnet(latents, timestep, encoder_hidden_states=hidden, controlnet_cond=control,
                                    conditioning_scale=scale, return_dict=False)
        return self.unet(latents, timestep, encoder_hidden_states=hidden, down_block_additional_residuals=down,
                         mid_block_additional_residual=mid, return_dict=False)[0]


class VaeEncoder(torch.nn.Module):
    def __init__(self, vae):
        super().__init__()
        self.vae = vae

    def forward(self, image):
        return self.vae.encode(image).latent_dist.mean


class VaeDecoder(torch.nn.Module):
    def __init__(self, vae):
        super().__init__()
        self.vae = vae

    def forward(self, latents):
        return self.vae.decode(latents, return_dict=False)[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", required=True, help="diffusers SD1.5 folder or id (e.g. a realistic fine-tune)")
    ap.add_argument("--controlnet", required=True, help="canny ControlNet folder or id (control_v11p_sd15_canny)")
    ap.add_argument("--lora", help="LoRA weights to fuse into the UNet and text encoder")
    ap.add_argument("--lora-scale", type=float, default=0.8)
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    from diffusers import ControlNetModel, StableDiffusionControlNetInpaintPipeline
    from transformers import CLIPTokenizerFast

    controlnet = ControlNetModel.from_pretrained(a.controlnet, torch_dtype=torch.float32)
    pipe = StableDiffusionControlNetInpaintPipeline.from_pretrained(a.base, controlnet=controlnet,
                                                                    torch_dtype=torch.float32)
    if a.lora:
        pipe.load_lora_weights(a.lora)
        pipe.fuse_lora(lora_scale=a.lora_scale)
    pipe.to(a.device)
    modules = {
        "textEncoder": TextEncoder(pipe.text_encoder),
        "denoiser": FusedDenoiser(pipe.unet, pipe.controlnet),
        "vaeEncoder": VaeEncoder(pipe.vae),
        "vaeDecoder": VaeDecoder(pipe.vae),
    }
    hidden = pipe.text_encoder.config.hidden_size
    inputs = {k: tuple(t.to(a.device) for t in v)
              for k, v in artifact.example_inputs(1, a.size, hidden, pipe.vae_scale_factor).items()}
    artifact.trace_all(modules, inputs, a.out)
    if a.device == "cuda":  # render.precision fp16: a traced graph bakes its dtypes, so trace again in half
        for m in modules.values():
            m.half()
        half = {k: tuple(t.half() if t.is_floating_point() and t.dim() > 0 else t for t in v) for k, v in inputs.items()}
        artifact.trace_all(modules, half, os.path.join(a.out, "fp16"))
        for m in modules.values():
            m.float()
    fast = CLIPTokenizerFast.from_pretrained(a.base, subfolder="tokenizer")
    tmp = os.path.join(a.out, ".tokenizer")
    fast.save_pretrained(tmp)
    shutil.move(os.path.join(tmp, "tokenizer.json"), os.path.join(a.out, "tokenizer.json"))
    shutil.rmtree(tmp)
    sched = dict(artifact.SD15_SCHEDULER)
    cfg = pipe.scheduler.config
    sched.update(numTrainTimesteps=cfg.num_train_timesteps, betaStart=cfg.beta_start, betaEnd=cfg.beta_end,
                 betaSchedule=cfg.beta_schedule, predictionType=cfg.prediction_type,
                 stepsOffset=cfg.get("steps_offset", 1))
    artifact.write_renderer_json(
        a.out, os.path.basename(os.path.normpath(a.base)), a.size, hidden, pipe.vae.config.scaling_factor,
        {"bos": fast.bos_token_id, "eos": fast.eos_token_id, "pad": fast.pad_token_id},
        scheduler=sched, downsample=pipe.vae_scale_factor,
        source={"base": a.base, "controlnet": a.controlnet, "lora": a.lora, "loraScale": a.lora_scale})
    artifact.check_folder(a.out, batch=1, image_size=a.size)
    print("exported to " + a.out + "; publish it with: caig renderer import --from " + a.out + " --to URI")


if __name__ == "__main__":
    main()
