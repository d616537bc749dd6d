package dev.caig.operator.events;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Records core/v1 Events on a custom resource. Messages are the operator's own text, never spec values of Secrets. */
public class EventRecorder {
    public enum Type {
        Normal,
        Warning
    }

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void record(HasMetadata subject, Type type, Reason reason, String message) {
        Instant now = clock.instant();
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        // Same naming scheme as the kubelet's events: <subject>.<unique hex>
        String name = subject.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli() * 1000 + sequence.incrementAndGet() % 1000);
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(subject.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject().withApiVersion(subject.getApiVersion()).withKind(subject.getKind())
                .withName(subject.getMetadata().getName()).withNamespace(subject.getMetadata().getNamespace())
                .withUid(subject.getMetadata().getUid()).endInvolvedObject()
                .withType(type.name()).withReason(reason.name()).withMessage(text)
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .withNewSource().withComponent("caig-operator").endSource()
                .build();
        LOG.infof("%s %s/%s: %s", reason, subject.getKind(), subject.getMetadata().getName(), text);
        try {
            client.v1().events().inNamespace(subject.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy; losing one must not fail the reconcile.
            LOG.warnf("could not record event %s on %s: %s", reason, name, e.getMessage());
        }
    }
}
