package vn.cms.webhook;

import java.util.List;
import java.util.Set;
import vn.cms.sync.ChangeLog;

/** The events an endpoint subscribes to, named after the change log's entity and kind. */
final class WebhookEvents {

    static final String ALL = "*";
    /** Sent by POST /ping only, whatever the endpoint subscribes to. */
    static final String PING = "webhook.ping";
    static final List<String> NAMES = List.of("article.published", "article.updated", "article.unpublished",
            "article.deleted", "section.created", "section.updated", "section.deleted", "media.created",
            "media.deleted");
    private static final Set<String> KNOWN = Set.copyOf(NAMES);

    private WebhookEvents() {
    }

    static boolean isKnown(String name) {
        return ALL.equals(name) || KNOWN.contains(name);
    }

    /** "article.published" for an article's published row; any entity type of the log maps the same way. */
    static String of(ChangeLog.Entry change) {
        return change.type().column() + "." + change.kind().column();
    }

    static boolean subscribed(List<String> subscription, String event) {
        return subscription.contains(ALL) || subscription.contains(event);
    }
}
