package vn.cms.sync;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The data of an {@code event: content}: what changed in public view, and from when. */
@Schema(name = "ContentEvent", requiredProperties = {"type", "id", "action", "at"})
public record ContentEvent(
        @Schema(enumeration = {"article", "section"}, examples = "article") String type,
        @Schema(examples = "1") long id,
        @Schema(description = "upsert: in public view in a new state; delete: gone from public view",
                enumeration = {"upsert", "delete"}, examples = "upsert") String action,
        @Schema(description = "When the change took effect publicly (a scheduled article: its publication time)",
                examples = "2017-03-15T14:00:00+07:00") OffsetDateTime at) {
}
