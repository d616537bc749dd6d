package dev.caig.operator.generator;

import java.util.Optional;

/** Either a model ready to serve, or the reason the generator waits for one. */
public record ModelResolution(Optional<ResolvedModel> model, String waitingMessage) {

    public static ModelResolution ready(ResolvedModel model) {
        return new ModelResolution(Optional.of(model), null);
    }

    public static ModelResolution waiting(String why) {
        return new ModelResolution(Optional.empty(), why);
    }
}
