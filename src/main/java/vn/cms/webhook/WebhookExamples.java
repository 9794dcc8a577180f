package vn.cms.webhook;

/** Examples for the API document. */
final class WebhookExamples {

    static final String INPUT = """
            {"url": "https://tinh.gov.vn/api/revalidate", "events": ["article.published", "article.updated",
             "article.unpublished", "article.deleted"], "description": "Làm mới trang tin của cổng thông tin"}""";

    static final String CREATED = """
            {"id": 1, "url": "https://tinh.gov.vn/api/revalidate", "events": ["article.published", "article.updated"],
             "description": "Làm mới trang tin của cổng thông tin", "enabled": true, "disabledReason": null,
             "secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "createdAt": "2026-12-01T09:00:00+07:00",
             "updatedAt": "2026-12-01T09:00:00+07:00"}""";

    static final String ONE = """
            {"id": 1, "url": "https://tinh.gov.vn/api/revalidate", "events": ["article.published", "article.updated"],
             "description": "Làm mới trang tin của cổng thông tin", "enabled": true, "disabledReason": null,
             "createdAt": "2026-12-01T09:00:00+07:00", "updatedAt": "2026-12-01T09:00:00+07:00"}""";

    static final String DELIVERIES = """
            {"items": [{"id": 42, "event": "article.published", "status": "pending", "attempts": 2, "lastStatus": 503,
              "lastError": "answered 503", "nextAttemptAt": "2026-12-01T09:35:05+07:00",
              "createdAt": "2026-12-01T09:00:00+07:00"},
             {"id": 41, "event": "section.updated", "status": "succeeded", "attempts": 1, "lastStatus": 200,
              "lastError": null, "nextAttemptAt": null, "createdAt": "2026-12-01T08:59:00+07:00"}],
             "page": 1, "size": 20, "totalItems": 2, "totalPages": 1, "nextCursor": null}""";

    static final String DELIVERY = """
            {"id": 43, "event": "webhook.ping", "status": "pending", "attempts": 0, "lastStatus": null,
             "lastError": null, "nextAttemptAt": "2026-12-01T09:40:00+07:00", "createdAt": "2026-12-01T09:40:00+07:00"}""";

    private WebhookExamples() {
    }
}
