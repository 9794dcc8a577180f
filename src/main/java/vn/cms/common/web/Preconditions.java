package vn.cms.common.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a write says it was based on: the {@code If-Match} ETags (412 when none is current)
 * and/or the {@code version} in its body (409 when stale). A write with neither is 428.
 * Versioned resources carry the ETag {@code "v<version>"}.
 */
public record Preconditions(List<Long> ifMatchVersions, Long bodyVersion) {

    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(W/)?\"([^\"]*)\"\\s*(,|$)");
    private static final Pattern VERSION_TAG = Pattern.compile("v(\\d{1,18})");

    public static String etag(long version) {
        return "\"v" + version + "\"";
    }

    /** Reads If-Match; a tag that is not one of ours, or weak, matches nothing. */
    public static Preconditions of(String ifMatch, Long bodyVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return new Preconditions(null, bodyVersion);
        }
        if (ifMatch.strip().equals("*")) {
            throw precondition("If-Match: * does not protect against lost updates; send the ETag of the version you edited");
        }
        List<Long> versions = new ArrayList<>();
        Matcher tags = ENTITY_TAG.matcher(ifMatch);
        int end = 0;
        while (end < ifMatch.length() && tags.find(end) && tags.start() == end) {
            Matcher version = VERSION_TAG.matcher(tags.group(2));
            if (tags.group(1) == null && version.matches()) {
                versions.add(Long.parseLong(version.group(1)));
            }
            end = tags.end();
        }
        if (end < ifMatch.length()) {
            throw ApiException.invalid("If-Match", "must be a list of ETags such as \"v3\"");
        }
        return new Preconditions(versions, bodyVersion);
    }

    /** Refuses the write unless {@code current} is what the client based it on. */
    public void check(long current) {
        if (ifMatchVersions == null && bodyVersion == null) {
            throw precondition("This write needs If-Match with the ETag of the version you edited, or 'version' in the body");
        }
        if (ifMatchVersions != null && !ifMatchVersions.contains(current)) {
            throw stale(true, current);
        }
        if (bodyVersion != null && bodyVersion != current) {
            throw stale(false, current);
        }
    }

    /** The refusal for a write that lost a race it had passed {@link #check} for. */
    public ApiException lostRace() {
        return stale(ifMatchVersions != null, null);
    }

    private static ApiException stale(boolean viaIfMatch, Long current) {
        String detail = "Someone else saved this first" + (current == null ? "" : "; it is now at version " + current)
                + ". Read it again and reapply your change";
        return viaIfMatch
                ? new ApiException(412, ApiException.ABOUT_BLANK, "Precondition Failed", detail, null)
                : ApiException.conflict(detail);
    }

    private static ApiException precondition(String detail) {
        return new ApiException(428, ApiException.ABOUT_BLANK, "Precondition Required", detail, null);
    }
}
