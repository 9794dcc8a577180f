package vn.cms.sync;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One answer of a sync: call again with nextToken while hasMore, then keep it for later. */
@Schema(name = "SyncPage", requiredProperties = {"items", "nextToken", "hasMore"})
public record SyncPage(
        List<SyncItem> items,
        @Schema(description = "Opaque; send it as `token` next time", examples = "MXxBUlRJQ0xFLFNFQ1RJT058fDEwMHxkfDQyfDE3NjQ1Nzc2MDAwMDAwMDB8QVJUSUNMRXwwfDB8MTc2NDU3NzYwMDAwMDAwMA.x8h1bP0r6C9qJk2Qy0sX2w")
        String nextToken,
        boolean hasMore) {
}
