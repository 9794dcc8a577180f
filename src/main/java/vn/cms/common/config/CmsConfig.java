package vn.cms.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.ZoneId;

/** Settings of the product, all under the {@code cms.} prefix. */
@ConfigMapping(prefix = "cms")
public interface CmsConfig {

    Site site();

    /** Load the seed page's sections and article into an empty database. */
    @WithName("sample-content")
    @WithDefault("false")
    boolean sampleContent();

    interface Site {
        /** The zone in which timestamps are written and days, weeks and months are counted. */
        @WithDefault("Asia/Ho_Chi_Minh")
        ZoneId timezone();
    }
}
