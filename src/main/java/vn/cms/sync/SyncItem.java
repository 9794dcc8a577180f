package vn.cms.sync;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entity as a delta sync reports it: its latest public state, or that it is gone. */
@Schema(name = "SyncItem", requiredProperties = {"type", "id", "action", "at", "data"})
public record SyncItem(
        @Schema(enumeration = {"article", "section"}, examples = "article") String type,
        @Schema(examples = "1") long id,
        @Schema(enumeration = {"upsert", "delete"}, examples = "upsert") String action,
        @Schema(description = "When the change took effect publicly", examples = "2017-03-15T14:00:00+07:00")
        OffsetDateTime at,
        @Schema(ref = "SyncData") Object data) {
}
