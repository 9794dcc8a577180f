package vn.cms.webhook;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The webhook API's bodies. */
final class WebhookRecords {

    private WebhookRecords() {
    }

    @Schema(name = "WebhookInput", requiredProperties = {"url", "events"})
    record WebhookInput(
            @Schema(description = "http or https URL the deliveries are POSTed to", examples = "https://tinh.gov.vn/api/revalidate")
            @NotBlank @Size(max = 2000) String url,
            @Schema(description = "Event names, or \"*\" for every event", examples = "[\"article.published\", \"article.updated\"]")
            @NotNull @Size(min = 1, max = 20) List<@NotBlank String> events,
            @Schema(nullable = true, examples = "Làm mới trang của cổng thông tin") @Size(max = 500) String description,
            @Schema(description = "Default true", nullable = true) Boolean enabled) {
    }

    @Schema(name = "Webhook", requiredProperties = {"id", "url", "events", "description", "enabled", "disabledReason",
            "createdAt", "updatedAt"})
    record WebhookView(
            @Schema(examples = "1") long id,
            @Schema(examples = "https://tinh.gov.vn/api/revalidate") String url,
            @Schema(examples = "[\"article.published\"]") List<String> events,
            @Schema(nullable = true, examples = "Làm mới trang của cổng thông tin") String description,
            boolean enabled,
            @Schema(description = "Why the service disabled it (410, or failing for the whole retry window); null otherwise",
                    nullable = true, examples = "410 Gone from the receiver") String disabledReason,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    @Schema(name = "WebhookCreated", requiredProperties = {"id", "url", "events", "description", "enabled",
            "disabledReason", "createdAt", "updatedAt", "secret"})
    record WebhookCreated(
            @JsonUnwrapped WebhookView webhook,
            @Schema(description = "The signing secret, shown only in this answer", examples = "whsec_MfKQ9r8GKYqrTZjv…")
            String secret) {
    }

    @Schema(name = "WebhookSecretRotated", requiredProperties = {"secret", "previousSecretExpiresAt"})
    record SecretRotated(
            @Schema(description = "The new signing secret, shown only in this answer", examples = "whsec_n3Xc0QpL1vS8…")
            String secret,
            @Schema(description = "Until then deliveries carry a signature with the previous secret too")
            OffsetDateTime previousSecretExpiresAt) {
    }

    @Schema(name = "WebhookList", requiredProperties = "items")
    record WebhookList(List<WebhookView> items) {
    }

    @Schema(name = "WebhookDelivery", requiredProperties = {"id", "event", "status", "attempts", "lastStatus",
            "lastError", "nextAttemptAt", "createdAt"})
    record DeliveryView(
            @Schema(examples = "41") long id,
            @Schema(examples = "article.published") String event,
            @Schema(enumeration = {"pending", "succeeded", "failed"}) String status,
            @Schema(description = "Attempts made so far", examples = "1") int attempts,
            @Schema(description = "HTTP status of the last answer; null before the first or when none came",
                    nullable = true, examples = "200") Integer lastStatus,
            @Schema(description = "Why the last attempt failed, when it did", nullable = true,
                    examples = "no answer within PT10S") String lastError,
            @Schema(description = "When it is tried next; null once succeeded or failed", nullable = true)
            OffsetDateTime nextAttemptAt,
            OffsetDateTime createdAt) {
    }

    @Schema(name = "WebhookDeliveryPage", requiredProperties = {"items", "page", "size", "totalItems", "totalPages",
            "nextCursor"})
    record DeliveryPage(
            List<DeliveryView> items,
            @Schema(description = "Page number from 1; null when reading by cursor", nullable = true, examples = "1")
            Integer page,
            @Schema(examples = "20") int size,
            @Schema(examples = "1") long totalItems,
            @Schema(examples = "1") long totalPages,
            @Schema(description = "Pass as 'cursor' for the next (older) page; null on the last page", nullable = true,
                    type = SchemaType.STRING)
            String nextCursor) {
    }
}
