package vn.cms.media;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A media item as the API shows it. */
@Schema(name = "Media", requiredProperties = {"id", "url", "mimeType", "width", "height", "size", "filename", "alt",
        "caption", "focalPoint", "createdAt"})
public record MediaView(
        @Schema(examples = "12") long id,
        @Schema(description = "The original (metadata removed); add w, h, fm, q for a variant",
                examples = "/api/v1/media/12/file") String url,
        @Schema(enumeration = {"image/jpeg", "image/png", "image/webp", "image/gif"}, examples = "image/jpeg") String mimeType,
        @Schema(description = "Pixels, as seen (after the EXIF orientation was applied)", examples = "4000") int width,
        @Schema(examples = "3000") int height,
        @Schema(description = "Bytes of the original as served", examples = "2481344") long size,
        @Schema(description = "The uploaded file name, made safe", examples = "hoi-nghi-cchc.jpg") String filename,
        @Schema(nullable = true, examples = "Hội nghị triển khai công tác cải cách hành chính năm 2017") String alt,
        @Schema(nullable = true, examples = "Quang cảnh hội nghị tại UBND tỉnh") String caption,
        @Schema(description = "null: crops keep the centre", nullable = true) FocalPoint focalPoint,
        @Schema(examples = "2017-03-15T14:00:00+07:00") OffsetDateTime createdAt) {
}
