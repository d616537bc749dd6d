package dev.caig.operator.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Events written lately, by what they say, so that a repeat is counted on the first (bounded, oldest out). */
final class RecentEvents {
    /** An Event written before and how often it has been seen. */
    static final class Seen {
        private final String eventName;
        private int count = 1;

        Seen(String eventName) {
            this.eventName = eventName;
        }

        String eventName() {
            return eventName;
        }

        synchronized int nextCount() {
            return ++count;
        }
    }

    private final Map<String, Seen> byKey;

    RecentEvents(int capacity) {
        this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Seen seen(String key) {
        return byKey.get(key);
    }

    synchronized void remember(String key, String eventName) {
        byKey.put(key, new Seen(eventName));
    }
}
