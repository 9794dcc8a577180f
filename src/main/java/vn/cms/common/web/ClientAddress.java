package vn.cms.common.web;

import io.vertx.core.http.HttpServerRequest;

/** The address of the client that sent a request, for limits kept per client. */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
