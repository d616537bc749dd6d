package dev.caig.operator.mock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.caig.operator.crd.v1alpha1.AdImageTrainingJob;
import dev.caig.operator.events.EventRecorder;
import dev.caig.operator.events.Reason;
import dev.caig.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** Events say what the stored status says, once: written after the status patch, repeats counted on one Event. */
@EnableKubernetesMockClient(crud = true)
class EventsTest extends MockOperatorTest {
    static KubernetesMockServer server;

    @Test
    void noEventIsWrittenForAStatusThatCouldNotBeStoredAndTheRetryWritesEachOnce() {
        // The API server refuses the first two status writes (the reconcile's and then the error status'), as an
        // admission webhook that is briefly misconfigured would (a 5xx would be retried inside the client); the
        // reconcile is retried with backoff.
        server.expect().patch().withPath("/apis/caig.dev/v1alpha1/namespaces/" + NS + "/adimagetrainingjobs/flaky/status")
                .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":403,"
                        + "\"reason\":\"Forbidden\",\"message\":\"admission webhook denied the request\"}")
                .times(2);
        client.resource(Samples.trainingJob(NS, "flaky")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> trainingJob("flaky").getStatus() != null);
        sleep(1500);
        assertTrue(statusPatches("flaky") >= 3, "two refused status writes, then the stored one");

        List<Event> started = events("StageStarted");
        assertEquals(1, started.size(), "stage market started once: " + eventReasons());
        assertEquals(1, started.get(0).getCount());
        assertEquals(List.of(), events("Error"), "the error status was not stored either");
    }

    @Test
    void theSameEventAgainIsCountedOnTheFirstOne() {
        client.resource(Samples.trainingJob(NS, "noisy")).create();
        AdImageTrainingJob subject = client.resources(AdImageTrainingJob.class).inNamespace(NS).withName("noisy").get();
        EventRecorder recorder = new EventRecorder(client, Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            recorder.record(subject, EventRecorder.Type.Warning, Reason.Error, "store unreachable");
        }
        recorder.record(subject, EventRecorder.Type.Warning, Reason.Error, "store refused the credentials");

        List<Event> errors = events("Error");
        assertEquals(2, errors.size());
        Event repeated = errors.stream().filter(e -> e.getMessage().equals("store unreachable")).findFirst().orElseThrow();
        assertEquals(3, repeated.getCount());
        assertEquals(1, errors.stream().filter(e -> e.getMessage().startsWith("store refused")).findFirst().orElseThrow()
                .getCount());
    }

    private int statusPatches(String name) {
        String path = "/apis/caig.dev/v1alpha1/namespaces/" + NS + "/adimagetrainingjobs/" + name + "/status";
        int n = 0;
        try {
            RecordedRequest r;
            while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
                n += "PATCH".equals(r.getMethod()) && path.equals(r.getPath()) ? 1 : 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return n;
    }

    private List<Event> events(String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream().filter(e -> reason.equals(e.getReason()))
                .toList();
    }
}
