package vn.cms.common.web;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import vn.cms.common.config.CmsConfig;

/**
 * The URLs the API writes (Link, Location): absolute from {@code cms.api.url} when it is set,
 * otherwise relative to the API's own origin. Never built from the request's Host or
 * X-Forwarded-Host, which a client chooses: a cached Link would carry that choice to every reader.
 */
@Startup
@ApplicationScoped
public class PublicUrls {

    private final String origin;

    PublicUrls(CmsConfig config) {
        this.origin = config.api().url().map(PublicUrls::origin).orElse("");
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

    private static String origin(URI url) {
        if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("cms.api.url must be an http(s) URL with no query or fragment, such as"
                    + " https://api.tinh.gov.vn; got " + url);
        }
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
