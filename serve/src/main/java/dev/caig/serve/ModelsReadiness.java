package dev.caig.serve;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once both models are loaded and verified; on shutdown Quarkus turns readiness down first by itself. */
@Readiness
public class ModelsReadiness implements HealthCheck {
    private final GeneratorService service;

    ModelsReadiness(GeneratorService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("models");
        return service.models()
                .map(m -> builder.up().withData("policy", m.info().policy().digest()).withData("reward", m.info().reward().digest()))
                .orElseGet(() -> builder.down().withData("state", service.loadFailure().map(f -> "failed: " + f).orElse("loading")))
                .build();
    }
}
