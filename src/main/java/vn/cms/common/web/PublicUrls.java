package vn.cms.common.web;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import vn.cms.common.config.CmsConfig;

/**
 * The URLs the API writes (Link, Location): absolute from {@code cms.api.url} when it is set,
 * otherwise relative to the API's own origin. Never built from the request's Host or
 * X-Forwarded-Host, which a client chooses: a cached Link would carry that choice to every reader.
 * The one place that checks {@code cms.api.url} (at start: a wrong one stops the service), and
 * the rule for every configured base URL ({@link #base}).
 */
@Startup
@ApplicationScoped
public class PublicUrls {

    private final String origin;

    PublicUrls(CmsConfig config) {
        this.origin = config.api().url().map(url -> base("cms.api.url", url.toString())).orElse("");
    }

    /** The API's absolute origin from {@code cms.api.url}, without a trailing slash; empty when links are relative. */
    public Optional<String> origin() {
        return origin.isEmpty() ? Optional.empty() : Optional.of(origin);
    }

    /** {@code pathAndQuery} starts with "/api/v1/". */
    public String of(String pathAndQuery) {
        return origin + pathAndQuery;
    }

    /** The request's own path and query, to build links to other pages of the same list. */
    public UriBuilder request(UriInfo uri) {
        URI request = uri.getRequestUri();
        return UriBuilder.fromUri(of(request.getRawPath() + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery())));
    }

    /** 201 Created naming the new resource. A header of our own: the framework would resolve it against Host. */
    public Response.ResponseBuilder created(String path) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, of(path));
    }

    /** 301 to the resource's current path. */
    public Response.ResponseBuilder movedPermanently(String path) {
        return Response.status(Response.Status.MOVED_PERMANENTLY).header(HttpHeaders.LOCATION, of(path));
    }

    /**
     * A configured base URL without its trailing slash: http or https, with a host and without
     * user, query or fragment.
     *
     * @throws IllegalArgumentException naming the setting, and why
     */
    public static String base(String setting, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not a URL: '" + value + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(setting + " must be an http or https URL with a host and without"
                    + " user, query or fragment: '" + value + "'");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
