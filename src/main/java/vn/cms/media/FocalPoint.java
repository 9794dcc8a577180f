package vn.cms.media;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The point of an image that crops keep in view: fractions of its width and height from the top left. */
@Schema(name = "FocalPoint", requiredProperties = {"x", "y"})
public record FocalPoint(
        @Schema(description = "0 is the left edge, 1 the right", examples = "0.5", minimum = "0", maximum = "1")
        @NotNull @DecimalMin("0") @DecimalMax("1") Double x,
        @Schema(description = "0 is the top edge, 1 the bottom", examples = "0.3", minimum = "0", maximum = "1")
        @NotNull @DecimalMin("0") @DecimalMax("1") Double y) {

    static final FocalPoint CENTRE = new FocalPoint(0.5, 0.5);
}
