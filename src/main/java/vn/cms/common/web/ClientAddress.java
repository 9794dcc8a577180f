package vn.cms.common.web;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client that sent a request, for limits kept per client. Quarkus' proxy
 * support takes the leftmost {@code X-Forwarded-For} value, which the client writes itself;
 * here, when the TCP peer is one of {@code quarkus.http.proxy.trusted-proxies} (addresses or
 * CIDR ranges), the client is the rightmost value that is not a trusted proxy, the one our own
 * proxy appended. Without trusted proxies it is the TCP peer.
 */
@ApplicationScoped
public class ClientAddress {

    private static final String UNKNOWN = "unknown";

    private final List<Range> trustedProxies;

    ClientAddress(@ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trustedProxies) {
        this.trustedProxies = trustedProxies.orElse(List.of()).stream().flatMap(entry -> Range.parse(entry).stream()).toList();
    }

    /** The client's full address (as text), such as {@code 203.0.113.7} or {@code 2001:db8::1}. */
    public String of(HttpServerRequest request) {
        SocketAddress peer = request.connection() == null ? null : request.connection().remoteAddress();
        byte[] client = peer == null || peer.hostAddress() == null ? null : literal(peer.hostAddress());
        if (client == null) {
            return UNKNOWN;
        }
        if (isTrusted(client)) {
            List<String> forwarded = forwardedFor(request);
            for (int i = forwarded.size() - 1; i >= 0; i--) {
                byte[] hop = literal(forwarded.get(i));
                if (hop == null) {
                    break;
                }
                client = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return text(client);
    }

    /**
     * What a limit counts this address under: an IPv4 address itself, an IPv6 address by its /64
     * (one subscriber usually holds a whole /64, and could otherwise take a new address per request).
     */
    public static String limitKey(String address) {
        byte[] bytes = literal(address);
        if (bytes == null || bytes.length == 4) {
            return address;
        }
        byte[] prefix = Arrays.copyOf(Arrays.copyOf(bytes, 8), 16);
        return text(prefix) + "/64";
    }

    private boolean isTrusted(byte[] address) {
        for (Range range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedFor(HttpServerRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    /** The bytes of an IP literal (IPv4-mapped IPv6 as IPv4), or null: never a DNS lookup. */
    private static byte[] literal(String text) {
        String address = text;
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            address = end < 0 ? address : address.substring(1, end);
        } else if (address.indexOf(':') == address.lastIndexOf(':') && address.indexOf(':') > 0) {
            address = address.substring(0, address.indexOf(':')); // IPv4 with a port
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String text(byte[] address) {
        try {
            return NetUtil.toAddressString(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A trusted proxy: one address, or a CIDR range such as {@code 10.0.0.0/8}. */
    private record Range(byte[] network, int prefixLength) {

        /** An address, a CIDR range, or a host name (resolved once, at start). */
        static List<Range> parse(String text) {
            int slash = text.indexOf('/');
            String host = (slash < 0 ? text : text.substring(0, slash)).strip();
            byte[] network = literal(host);
            if (network != null) {
                int prefixLength = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1).strip());
                return List.of(new Range(network, prefixLength));
            }
            try {
                return Arrays.stream(InetAddress.getAllByName(host))
                        .map(address -> new Range(address.getAddress(), address.getAddress().length * 8))
                        .toList();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("quarkus.http.proxy.trusted-proxies: '" + text
                        + "' is not an IP address, a CIDR range or a known host name", e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
