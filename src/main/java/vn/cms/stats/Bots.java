package vn.cms.stats;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.enterprise.context.ApplicationScoped;
import ua_parser.Parser;

/**
 * Tells crawlers from readers by User-Agent, with uap-core's maintained patterns (a device
 * family of "Spider"). A request without a User-Agent is no browser or app either. Matching
 * runs hundreds of patterns, so each verdict is remembered.
 */
@ApplicationScoped
public class Bots {

    /** Longer User-Agents are cut here before matching; no pattern needs more. */
    private static final int MAX_LENGTH = 512;

    private final Parser parser = new Parser();
    private final LoadingCache<String, Boolean> verdicts = Caffeine.newBuilder()
            .maximumSize(10_000)
            .build(userAgent -> "Spider".equals(parser.parseDevice(userAgent).family));

    boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        return verdicts.get(userAgent.length() > MAX_LENGTH ? userAgent.substring(0, MAX_LENGTH) : userAgent);
    }
}
