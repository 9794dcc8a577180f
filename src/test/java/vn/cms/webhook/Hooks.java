package vn.cms.webhook;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import vn.cms.testing.Accounts;

/** Webhook registrations through the API, as an administrator. */
final class Hooks {

    private String token;

    /** Logged in at first use: the test's HTTP port is known only once the test runs. */
    private String token() {
        if (token == null) {
            token = Accounts.adminToken();
        }
        return token;
    }

    /** Registers the receiver for these events and hands it the secret; answers the webhook's id. */
    long register(Receiver receiver, String... events) {
        JsonPath created = Accounts.as(token()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "events", List.of(events), "description", "Bộ nhận thử nghiệm"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
        receiver.secret(created.getString("secret"));
        return created.getLong("id");
    }

    JsonPath webhook(long id) {
        return Accounts.as(token()).get("/api/v1/webhooks/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The newest delivery of the webhook. */
    JsonPath latestDelivery(long id) {
        return new JsonPath(Accounts.as(token()).queryParam("size", 1).get("/api/v1/webhooks/" + id + "/deliveries")
                .then().statusCode(200).extract().jsonPath().prettify()).setRootPath("items[0]");
    }

    /** One delivery of the webhook, as its deliveries list shows it. */
    JsonPath delivery(long id, long deliveryId) {
        return new JsonPath(Accounts.as(token()).queryParam("size", 100).get("/api/v1/webhooks/" + id + "/deliveries")
                .then().statusCode(200).extract().jsonPath().prettify())
                .setRootPath("items.find { it.id == " + deliveryId + " }");
    }

    List<Map<String, Object>> deliveries(long id) {
        return Accounts.as(token()).queryParam("size", 100).get("/api/v1/webhooks/" + id + "/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** Asks for a ping; answers its delivery's id. */
    long ping(long id) {
        return Accounts.as(token()).post("/api/v1/webhooks/" + id + "/ping").then().statusCode(202).extract().jsonPath()
                .getLong("id");
    }

    void delete(long id) {
        Accounts.as(token()).delete("/api/v1/webhooks/" + id);
    }
}
