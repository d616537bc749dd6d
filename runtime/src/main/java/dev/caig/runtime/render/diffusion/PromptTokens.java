package dev.caig.runtime.render.diffusion;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.caig.runtime.CaigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Text to the text encoder's token ids: the checkpoint's tokenizer.json (HuggingFace tokenizers) without its own
 * special tokens, framed as bos + text + eos, cut to textLength and padded with pad, as CLIP's tokenizer does for
 * SD1.5 (padding "max_length", 77).
 */
public final class PromptTokens implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final RendererSpec.Tokens tokens;
    private final int length;

    public PromptTokens(Path tokenizerJson, RendererSpec spec) {
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("truncation", "false", "padding", "false", "maxLength", "1000000")); // we frame and cut ourselves
        } catch (IOException | RuntimeException e) {
            throw new CaigException(tokenizerJson + ": cannot read the tokenizer: " + e.getMessage(), e);
        }
        this.tokens = spec.tokens();
        this.length = spec.textLength();
    }

    public long[] ids(String text) {
        long[] body = tokenizer.encode(text, false, false).getIds();
        long[] ids = new long[length];
        java.util.Arrays.fill(ids, tokens.pad());
        ids[0] = tokens.bos();
        int n = Math.min(body.length, length - 2);
        System.arraycopy(body, 0, ids, 1, n);
        ids[n + 1] = tokens.eos();
        return ids;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
