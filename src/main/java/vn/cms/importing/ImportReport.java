package vn.cms.importing;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an import did: counts of lines, and why each failed line failed (the first 1,000 of them). */
@Schema(name = "ImportReport", requiredProperties = {"created", "updated", "failed", "errors"})
public record ImportReport(
        @Schema(examples = "99990") long created,
        @Schema(examples = "0") long updated,
        @Schema(examples = "10") long failed,
        List<LineError> errors) {

    @Schema(name = "ImportLineError", requiredProperties = {"line", "message"})
    public record LineError(
            @Schema(description = "1-based line number", examples = "17") long line,
            @Schema(examples = "title: must not be blank") String message) {
    }
}
