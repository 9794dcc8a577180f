package vn.cms.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.auth.Role;
import vn.cms.common.web.JsonBodies;
import vn.cms.common.web.PathIds;
import vn.cms.common.web.PublicUrls;
import vn.cms.common.web.QueryParameterGuard.ReadsQueryParameters;
import vn.cms.common.web.QueryParameters;
import vn.cms.webhook.WebhookRecords.DeliveryPage;
import vn.cms.webhook.WebhookRecords.DeliveryView;
import vn.cms.webhook.WebhookRecords.SecretRotated;
import vn.cms.webhook.WebhookRecords.WebhookCreated;
import vn.cms.webhook.WebhookRecords.WebhookInput;
import vn.cms.webhook.WebhookRecords.WebhookList;
import vn.cms.webhook.WebhookRecords.WebhookView;

@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Webhooks")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class WebhookResource {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    /** Page numbers reach this many deliveries; further back is read by cursor. */
    static final int MAX_PAGE_DEPTH = 10_000;

    private final WebhookEndpoints endpoints;
    private final PublicUrls urls;

    WebhookResource(WebhookEndpoints endpoints, PublicUrls urls) {
        this.endpoints = endpoints;
        this.urls = urls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook", description = """
            Roles: ADMIN. Every change of the subscribed `events` (or `*`) is POSTed to `url`, signed as
            Standard Webhooks with the `secret` of this answer, shown only here (`Cache-Control: no-store`).
            A `url` that is not http(s), carries credentials, does not resolve, or resolves to a loopback,
            private, link-local, unspecified or multicast address is 400 (unless
            `cms.webhooks.allow-private-targets`). An unknown event is 400.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookInput.class),
            examples = @ExampleObject(name = "revalidate", value = WebhookExamples.INPUT)))
    @APIResponse(responseCode = "201", description = "Registered, with its secret; Location names it",
            headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookCreated.class),
                    examples = @ExampleObject(name = "created", value = WebhookExamples.CREATED)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Response create(@Valid @NotNull WebhookInput input) {
        WebhookCreated created = endpoints.create(input);
        return urls.created("/api/v1/webhooks/" + created.webhook().id()).entity(created)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Operation(summary = "List webhooks", description = "Roles: ADMIN. Secrets are never shown again.")
    @APIResponse(responseCode = "200", description = "Every webhook, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookList.class)))
    public WebhookList list() {
        return new WebhookList(endpoints.list());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a webhook", description = """
            Roles: ADMIN. `enabled` false with a `disabledReason` means the service disabled it (the receiver
            answered 410, or failed for the whole retry window); PATCH `enabled: true` resumes it.""")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class),
                    examples = @ExampleObject(name = "webhook", value = WebhookExamples.ONE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public WebhookView get(@Parameter(description = "Webhook id", example = "1") @PathParam("id") String id) {
        return endpoints.get(PathIds.parse("id", id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a webhook", description = """
            Roles: ADMIN. JSON Merge Patch (RFC 7396) of url, events, description and enabled, checked like a
            registration. A disabled webhook gets no new deliveries; enabled again, its pending ones go out
            in order and `disabledReason` is cleared.""")
    @RequestBody(content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = WebhookInput.class),
            examples = @ExampleObject(name = "resume", value = "{\"enabled\": true, \"description\": \"Làm mới trang chủ\"}")))
    @APIResponse(responseCode = "200", description = "Saved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public WebhookView patch(@Parameter(description = "Webhook id", example = "1") @PathParam("id") String id,
                             byte[] patch) {
        return endpoints.patch(PathIds.parse("id", id), JsonBodies.tree(patch));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a webhook", description = "Roles: ADMIN. Its deliveries go with it, pending ones too.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void delete(@Parameter(description = "Webhook id", example = "1") @PathParam("id") String id) {
        endpoints.delete(PathIds.parse("id", id));
    }

    @POST
    @Path("/{id}/ping")
    @Operation(summary = "Send a test delivery", description = """
            Roles: ADMIN. Queues a `webhook.ping` delivery (`data`: `{"webhookId"}`), signed and retried like
            any other, and sends it at once: it does not wait behind the webhook's pending deliveries (it
            announces no change, so it is not ordered with them) and, failing, holds none of them back. Its
            result shows in the deliveries.""")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class),
                    examples = @ExampleObject(name = "ping", value = WebhookExamples.DELIVERY)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response ping(@Parameter(description = "Webhook id", example = "1") @PathParam("id") String id) {
        return Response.accepted(endpoints.ping(PathIds.parse("id", id))).build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(summary = "Rotate the signing secret", description = """
            Roles: ADMIN. A new `secret`, shown only in this answer (`Cache-Control: no-store`). Until
            `previousSecretExpiresAt` (`cms.webhooks.secret-grace`, 24 h by default) every delivery carries two
            signatures in `webhook-signature`, space-separated: `v1,…` with the new secret first, then with
            the previous one; after that only the new one. A receiver that accepts either (Standard Webhooks
            libraries do) switches to the new secret at its own pace. Rotating again within the grace drops
            the oldest secret at once.""")
    @APIResponse(responseCode = "200", description = "The new secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SecretRotated.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response rotateSecret(@Parameter(description = "Webhook id", example = "1") @PathParam("id") String id) {
        return Response.ok(endpoints.rotateSecret(PathIds.parse("id", id))).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GET
    @Path("/{id}/deliveries")
    @ReadsQueryParameters
    @Operation(summary = "List a webhook's deliveries", description = """
            Roles: ADMIN. Newest first, by `page` and `size`, or by `cursor` (`nextCursor` of the previous
            page) past the first 10,000; the `Link` header has `rel="next"` and `rel="prev"`. `status`
            pending (waiting for its turn or its next attempt), succeeded or failed (410, or the whole
            retry window failed).""")
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number from 1",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "Deliveries per page",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "`nextCursor` of the previous page; not with page",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "One page of deliveries",
            headers = @Header(name = "Link", description = "RFC 8288 links with rel=\"next\" and rel=\"prev\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryPage.class),
                    examples = @ExampleObject(name = "deliveries", value = WebhookExamples.DELIVERIES)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response deliveries(@Parameter(description = "Webhook id", example = "1") @PathParam("id") String id,
                               @Context UriInfo uri) {
        long webhookId = PathIds.parse("id", id);
        QueryParameters p = new QueryParameters(uri.getQueryParameters(), Set.of("page", "size", "cursor"));
        Integer page = p.integer("page", 1, MAX_PAGE_DEPTH);
        Integer size = p.integer("size", 1, MAX_SIZE);
        String cursor = p.text("cursor");
        if (page != null && cursor != null) {
            p.error("cursor", "cannot be given with page");
        }
        int pageSize = size == null ? DEFAULT_SIZE : size;
        if (page != null && (long) page * pageSize > MAX_PAGE_DEPTH) {
            p.error("page", "reaches past the first " + MAX_PAGE_DEPTH + " deliveries; follow nextCursor instead");
        }
        p.throwIfInvalid();
        Integer pageNumber = cursor == null ? (page == null ? 1 : page) : null;
        DeliveryPage result = endpoints.deliveries(webhookId, pageNumber, cursor, pageSize);
        return Response.ok(result).links(links(urls.request(uri), pageNumber, pageSize, result.nextCursor())).build();
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/retry")
    @Operation(summary = "Send a delivery again", description = """
            Roles: ADMIN. Whatever its status, the delivery is pending again (same `webhook-id`, a fresh
            retry window) and goes out after the webhook's earlier pending deliveries.""")
    @APIResponse(responseCode = "202", description = "Queued again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response retry(@Parameter(description = "Webhook id", example = "1") @PathParam("id") String id,
                          @Parameter(description = "Delivery id", example = "42") @PathParam("deliveryId") String deliveryId) {
        long webhookId = PathIds.parse("id", id);
        return Response.accepted(endpoints.retry(webhookId, PathIds.parse("deliveryId", deliveryId))).build();
    }

    private static Link[] links(UriBuilder request, Integer page, int size, String nextCursor) {
        List<Link> links = new ArrayList<>();
        if (nextCursor != null) {
            UriBuilder next = request.clone();
            if (page != null && (long) (page + 1) * size <= MAX_PAGE_DEPTH) {
                next.replaceQueryParam("page", page + 1);
            } else {
                next.replaceQueryParam("page").replaceQueryParam("cursor", nextCursor);
            }
            links.add(Link.fromUriBuilder(next).rel("next").build());
        }
        if (page != null && page > 1) {
            links.add(Link.fromUriBuilder(request.clone().replaceQueryParam("page", page - 1)).rel("prev").build());
        }
        return links.toArray(Link[]::new);
    }
}
