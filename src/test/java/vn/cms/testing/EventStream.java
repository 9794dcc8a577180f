package vn.cms.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of GET /api/v1/events that reads the stream line by line on a thread of its own,
 * as EventSource parses it, and hands over the events (and comment lines) it received.
 */
public final class EventStream implements AutoCloseable {

    /** One dispatched event, or a comment line (event and data null). */
    public record Received(String event, String id, String data, String comment) {
        public boolean isContent() {
            return "content".equals(event);
        }
    }

    private static final Received END = new Received(null, null, null, null);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile boolean ended;
    private final java.util.concurrent.atomic.AtomicLong contentEvents = new java.util.concurrent.atomic.AtomicLong();

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "test-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    public static URI uri() {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/events");
    }

    /** Connects and checks the answer is a stream; {@code lastEventId} may be null. */
    public static EventStream open(String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri()).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            return new EventStream(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static EventStream open() {
        return open(null);
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    /** The next event or comment that matches, skipping the others; fails after 10 seconds. */
    public Received next(Predicate<Received> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Received event = poll(deadline);
            if (event == null) {
                fail("No matching event within 10 seconds");
            }
            if (event == END) {
                fail("The stream ended before a matching event");
            }
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Every event received within {@code quiet} of the one before (the stream then seems idle). */
    public List<Received> until(Duration quiet) {
        List<Received> all = new ArrayList<>();
        while (true) {
            Received event = poll(System.nanoTime() + quiet.toNanos());
            if (event == null || event == END) {
                return all;
            }
            all.add(event);
        }
    }

    /** Whether the server ended the stream; waits up to 10 seconds for it. */
    public boolean endsWithin10Seconds() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Received event;
        do {
            event = poll(deadline);
        } while (event != null && event != END);
        return event == END;
    }

    private Received poll(long deadline) {
        try {
            return received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if ("content".equals(event)) {
                        contentEvents.incrementAndGet();
                    }
                    if (data != null) {
                        received.add(new Received(event == null ? "message" : event, id, data.toString(), null));
                    }
                    event = null;
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    received.add(new Received(null, null, null, line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "event" -> event = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // Closed by the test, or by the server: the stream ended either way.
        } finally {
            ended = true;
            received.add(END);
        }
    }

    /** How many content events arrived so far, read or not. */
    public long contentEventsReceived() {
        return contentEvents.get();
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
