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
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Records core/v1 Events on a custom resource. Messages are the operator's own text, never spec values of Secrets.
 * The same event again (same object, type, reason and message) is aggregated the way the kubelet's recorder does it:
 * the existing Event's count and lastTimestamp go up instead of a new Event being written.
 */
public class EventRecorder {
    public enum Type {
        Normal,
        Warning
    }

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final int MAX_MESSAGE = 1024;
    private static final int NOT_FOUND = 404;

    private final KubernetesClient client;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final RecentEvents recent = new RecentEvents(4096);

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void record(HasMetadata subject, Type type, Reason reason, String message) {
        Instant now = clock.instant();
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        String namespace = subject.getMetadata().getNamespace();
        String key = subject.getMetadata().getUid() + "/" + subject.getKind() + "/" + subject.getMetadata().getName() + "/"
                + type + "/" + reason + "/" + text;
        LOG.infof("%s %s/%s: %s", reason, subject.getKind(), subject.getMetadata().getName(), text);
        RecentEvents.Seen seen = recent.seen(key);
        if (seen != null && aggregate(namespace, seen, now)) {
            return;
        }
        // Same naming scheme as the kubelet's events: <subject>.<unique hex>
        String name = subject.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli() * 1000 + sequence.incrementAndGet() % 1000);
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewInvolvedObject().withApiVersion(subject.getApiVersion()).withKind(subject.getKind())
                .withName(subject.getMetadata().getName()).withNamespace(namespace)
                .withUid(subject.getMetadata().getUid()).endInvolvedObject()
                .withType(type.name()).withReason(reason.name()).withMessage(text)
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .withNewSource().withComponent("caig-operator").endSource()
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
            recent.remember(key, name);
        } catch (KubernetesClientException e) {
            // An event is a courtesy; losing one must not fail the reconcile.
            LOG.warnf("could not record event %s on %s: %s", reason, name, e.getMessage());
        }
    }

    /** Counts a repeat on the Event already written; false when that Event is gone (expired), so a new one is made. */
    private boolean aggregate(String namespace, RecentEvents.Seen seen, Instant now) {
        try {
            // the Event named by the item, patched as it is on the server (no read first)
            Event named = new EventBuilder().withNewMetadata().withName(seen.eventName()).withNamespace(namespace)
                    .endMetadata().build();
            Event updated = client.v1().events().inNamespace(namespace).resource(named)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"count\":" + seen.nextCount()
                            + ",\"lastTimestamp\":\"" + now + "\"}");
            return updated != null;
        } catch (KubernetesClientException e) {
            if (e.getCode() != NOT_FOUND) {
                LOG.warnf("could not count a repeat of event %s: %s", seen.eventName(), e.getMessage());
                return true; // a courtesy: rather one count too few than a second Event
            }
            return false;
        }
    }
}
