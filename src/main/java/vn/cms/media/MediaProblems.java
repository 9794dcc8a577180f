package vn.cms.media;

import vn.cms.common.web.ApiException;

/** The refusals of uploads that are not about one field's value. */
final class MediaProblems {

    private MediaProblems() {
    }

    static ApiException unsupportedType() {
        return new ApiException(415, ApiException.ABOUT_BLANK, "Unsupported Media Type",
                "The file is not a JPEG, PNG, WebP or GIF image (decided from its bytes, not its name or claimed type)",
                null);
    }

    static ApiException tooLarge(long maxSize) {
        return new ApiException(413, ApiException.ABOUT_BLANK, "Content Too Large",
                "The file is larger than " + maxSize + " bytes (cms.media.max-size)", null);
    }
}
