package vn.cms.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses count as internal, including the IPv6 forms that carry an IPv4 address. */
class TargetAddressesTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, true", "127.255.0.9, true", "10.0.0.1, true", "172.31.255.255, true", "192.168.0.1, true",
            "169.254.169.254, true", "0.0.0.0, true", "100.64.0.1, true", "224.0.0.251, true", "255.255.255.255, true",
            "::1, true", "::, true", "fc00::1, true", "fd12:3456::1, true", "fe80::1, true", "ff02::1, true",
            "::ffff:10.0.0.1, true", "::ffff:127.0.0.1, true", "::127.0.0.1, true", "64:ff9b::a9fe:a9fe, true",
            "203.113.131.1, false", "8.8.8.8, false", "172.32.0.1, false", "2001:4860:4860::8888, false",
            "::ffff:8.8.8.8, false", "64:ff9b::808:808, false"})
    void anAddressIsInternalOrNot(String address, boolean internal) throws UnknownHostException {
        assertEquals(internal, TargetAddresses.isInternal(InetAddress.getByName(address)));
    }
}
