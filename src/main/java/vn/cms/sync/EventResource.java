package vn.cms.sync;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import vn.cms.common.web.ApiException;

@Path("/api/v1/events")
@Tag(name = "Sync")
public class EventResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String STREAM_EXAMPLE = """
            event: stats
            data: {"totalVisits":41482202,"onlineNow":59,"pageViews":98211540}

            event: content
            id: 1843-1489561200000000
            data: {"type":"article","id":1,"action":"upsert","at":"2017-03-15T14:00:00+07:00"}

            :keep-alive

            event: content
            id: 1844-1489561260000000
            data: {"type":"section","id":3,"action":"delete","at":"2017-03-15T14:01:00+07:00"}

            """;

    private final LiveEvents live;

    EventResource(LiveEvents live) {
        this.live = live;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Live events: public content changes and the visit counter", description = """
            A `text/event-stream` for `EventSource`, public. `event: content` for each change of public
            content (data: a ContentEvent; a scheduled article when its time comes, not before), in the
            order of the change log, each with an `id:`. `event: stats` (data: a StatsEvent) on connecting
            and then every `cms.events.stats-interval`. A comment line every `cms.events.heartbeat-interval`
            keeps proxies from closing the connection. A change made through any instance reaches the
            subscribers of every instance.

            On reconnecting, `EventSource` sends the last `id:` it received as `Last-Event-ID`: the client
            is sent every content event it missed, then the live ones, none twice. When that is no longer
            possible, it is sent `event: reset` (data `{"reason": "expired" | "too-many-changes" |
            "unknown-position"}`) and then the live events: it should run a delta sync
            (`GET /api/v1/sync`) to catch up. `reset` is also sent when more changes than
            `cms.events.max-pending` arrive at once (a bulk import).

            A client that does not read as fast as events come (more than `cms.events.max-pending` waiting)
            is disconnected. No query parameters.""")
    @Parameter(name = LAST_EVENT_ID, in = ParameterIn.HEADER,
            description = "The `id:` of the last event received, sent by `EventSource` when it reconnects",
            example = "1843-1489561200000000", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The stream of events; it does not end",
            headers = @Header(name = "Cache-Control", description = "no-store", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(type = SchemaType.STRING, description = """
                            Server-sent events: `content` (data: ContentEvent), `stats` (data: StatsEvent), \
                            `reset` (data: {"reason"}), and comment lines"""),
                    examples = @ExampleObject(name = "stream", value = STREAM_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Multi<OutboundSseEvent> events(@HeaderParam(LAST_EVENT_ID) String lastEventId, @Context Sse sse) {
        LogPosition resumeFrom = null;
        if (lastEventId != null) {
            resumeFrom = LogPosition.parse(lastEventId);
            if (resumeFrom == null) {
                throw ApiException.invalid(LAST_EVENT_ID, "must be the id of an event of this stream, such as 1843-1489561200000000");
            }
        }
        if (live.full()) {
            throw ApiException.unavailable("This instance serves as many event streams as it may; try again shortly");
        }
        return live.subscribe(resumeFrom).map(event -> event.heartbeat()
                ? sse.newEventBuilder().comment("keep-alive").build()
                : sse.newEventBuilder().name(event.name()).id(event.id()).mediaType(MediaType.TEXT_PLAIN_TYPE)
                        .data(event.data()).build());
    }
}
