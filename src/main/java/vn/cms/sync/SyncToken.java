package vn.cms.sync;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.cms.common.db.Sql;
import vn.cms.sync.ChangeLog.EntityType;

/**
 * Where a client's sync stands, carried by the client between calls. The filters and page size
 * are fixed by the first call. An initial walk remembers the change log's end when it began
 * ({@code logId}, {@code logTime}) and the last entity sent; a delta remembers the log position
 * reached and, while a window of changes is being paged, that window's end and the last row sent.
 *
 * @param sectionId the section whose subtree is followed (by id: its slug may change), 0 for all
 * @param windowEndId 0 when no window is being paged
 */
record SyncToken(Set<EntityType> types, long sectionId, int limit, boolean initial, long logId, Instant logTime,
                 EntityType stage, long afterId, long windowEndId, Instant windowEndTime) {

    private static final String VERSION = "1";

    static SyncToken start(Set<EntityType> types, long sectionId, int limit, long logId, Instant logTime) {
        EntityType first = types.contains(EntityType.SECTION) ? EntityType.SECTION : EntityType.ARTICLE;
        return new SyncToken(types, sectionId, limit, true, logId, logTime, first, 0, 0, logTime);
    }

    SyncToken walkedTo(EntityType nextStage, long nextAfterId) {
        return new SyncToken(types, sectionId, limit, true, logId, logTime, nextStage, nextAfterId, 0, logTime);
    }

    /** Up to date with the log as far as {@code id} and {@code time}. */
    SyncToken caughtUp(long id, Instant time) {
        return new SyncToken(types, sectionId, limit, false, id, time, EntityType.ARTICLE, 0, 0, time);
    }

    SyncToken pagingWindow(long endId, Instant endTime, long afterRowId) {
        return new SyncToken(types, sectionId, limit, false, logId, logTime, EntityType.ARTICLE, afterRowId, endId, endTime);
    }

    boolean pagingWindow() {
        return windowEndId > 0;
    }

    /** The text that is signed. Every part is digits or letters, so '|' never occurs in one. */
    String payload() {
        return String.join("|", VERSION,
                types.stream().map(EntityType::name).sorted().collect(Collectors.joining(",")),
                Long.toString(sectionId),
                Integer.toString(limit),
                initial ? "i" : "d",
                Long.toString(logId),
                Long.toString(Sql.micros(logTime)),
                stage.name(),
                Long.toString(afterId),
                Long.toString(windowEndId),
                Long.toString(Sql.micros(windowEndTime)));
    }

    /** The token in {@code payload}, or empty when it is not one this service wrote. */
    static Optional<SyncToken> parse(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 11 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            Set<EntityType> types = EnumSet.noneOf(EntityType.class);
            Arrays.stream(parts[1].split(",")).map(EntityType::valueOf).forEach(types::add);
            return Optional.of(new SyncToken(types, Long.parseLong(parts[2]), Integer.parseInt(parts[3]), parts[4].equals("i"),
                    Long.parseLong(parts[5]), instant(parts[6]), EntityType.valueOf(parts[7]), Long.parseLong(parts[8]),
                    Long.parseLong(parts[9]), instant(parts[10])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String text) {
        return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    }

    private static Instant instant(String micros) {
        return Sql.ofMicros(Long.parseLong(micros));
    }
}
