package vn.cms.media;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a media item: what a PATCH (JSON Merge Patch) applies to. */
@Schema(name = "MediaInput")
public record MediaInput(
        @Schema(description = "Text for readers who cannot see the image", examples = "Hội nghị triển khai công tác cải cách hành chính")
        @Size(max = MediaLibrary.MAX_ALT) String alt,
        @Schema(examples = "Quang cảnh hội nghị tại UBND tỉnh") @Size(max = MediaLibrary.MAX_CAPTION) String caption,
        @Valid FocalPoint focalPoint) {
}
