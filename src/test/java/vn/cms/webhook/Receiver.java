package vn.cms.webhook;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A webhook receiver on loopback: it answers with the statuses it is told (200 once they run out)
 * and keeps every request, with its signature checked by the Standard Webhooks library. The told
 * statuses may be kept for the requests of one test's content ({@link #scripting}): an endpoint
 * also hears other tests' changes, such as their scheduled articles coming due when the clock moves.
 */
final class Receiver implements AutoCloseable {

    /** How long a test waits for deliveries to arrive. */
    private static final long PATIENCE_MILLIS = 15_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: a status, headers, and a delay before it (to outlast the sender's timeout). */
    record Answer(int status, Map<String, String> headers, long delayMillis) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), 0);
        }
    }

    /** A request as received. */
    record Request(String id, long timestamp, String signature, String body, boolean signedBySecret,
                   Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String type() {
            return json().get("type").asText();
        }

        long dataId() {
            return json().get("data").get("id").asLong();
        }

        /** The section an article event names, or the section a section event is about; null for a deletion or a ping. */
        Long sectionId() {
            JsonNode data = json().get("data");
            if (data == null || !data.has("id")) {
                return null;
            }
            if (type().startsWith("section.")) {
                return data.get("id").asLong();
            }
            JsonNode section = data.get("section");
            return section == null || section.isNull() ? null : section.get("id").asLong();
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile String secret;
    private volatile Predicate<Request> scripted = request -> true;

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst("webhook-id");
            String timestamp = headers.getFirst("webhook-timestamp");
            String signature = headers.getFirst("webhook-signature");
            Request request = new Request(id, timestamp == null ? 0 : Long.parseLong(timestamp), signature, body,
                    signedBySecret(id, timestamp, signature, body), Map.copyOf(headers));
            received.add(request);
            Answer answer = scripted.test(request) ? answers.poll() : null;
            if (answer == null) {
                answer = Answer.of(200);
            }
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        });
        server.start();
    }

    /** The Standard Webhooks check of the signature, whatever the time: tests move the service's clock. */
    private boolean signedBySecret(String id, String timestamp, String signature, String body) {
        try {
            return id != null && timestamp != null && signature != null
                    && signature.equals(new Webhook(secret).sign(id, Long.parseLong(timestamp), body));
        } catch (Exception e) {
            return false;
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/cms?site=tinh";
    }

    void secret(String secret) {
        this.secret = secret;
    }

    String secret() {
        return secret;
    }

    /** A secret of the Standard Webhooks form that no webhook has. */
    static String newSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
    }

    /** Only requests matching {@code scope} get the told answers; the others get 200. */
    Receiver scripting(Predicate<Request> scope) {
        this.scripted = scope;
        return this;
    }

    /** The next requests get these answers, in order. */
    Receiver answer(Answer... next) {
        answers.addAll(List.of(next));
        return this;
    }

    Receiver answer(int... statuses) {
        for (int status : statuses) {
            answers.add(Answer.of(status));
        }
        return this;
    }

    List<Request> received() {
        return new ArrayList<>(received);
    }

    /** Waits until {@code count} requests matching {@code filter} have arrived; answers them. */
    List<Request> await(int count, Predicate<Request> filter) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (System.nanoTime() < deadline) {
            List<Request> matching = received.stream().filter(filter).toList();
            if (matching.size() >= count) {
                return matching;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("Expected " + count + " requests, got " + received.stream().filter(filter).count() + ": " + received);
    }

    List<Request> await(int count) {
        return await(count, request -> true);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
