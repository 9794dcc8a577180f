package vn.cms.feed;

/** Examples of feeds and sitemaps for the OpenAPI document. */
final class FeedExamples {

    private FeedExamples() {
    }

    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
            <channel xmlns:atom="http://www.w3.org/2005/Atom">
            <atom:link href="https://tinh.gov.vn/api/v1/feeds/rss?section=cai-cach-hanh-chinh" rel="self" type="application/rss+xml" />
            <title>Cổng thông tin điện tử tỉnh – Cải cách hành chính</title><link>https://tinh.gov.vn/cai-cach-hanh-chinh</link>
            <description>Cổng thông tin điện tử tỉnh – Cải cách hành chính</description><language>vi</language>
            <lastBuildDate>Wed, 15 Mar 2017 14:00:00 +0700</lastBuildDate>
            <item><title>Đẩy mạnh tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017</title>
            <link>https://tinh.gov.vn/cai-cach-hanh-chinh/day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017</link>
            <description>Để công tác cải cách hành chính năm 2017 đạt được nhiều kết quả, ngày 19/1/2017, UBND tỉnh ban hành kế hoạch số 09/KH-UBND.</description>
            <content:encoded>&lt;p&gt;Năm 2017 là năm phát huy vai trò tích cực của các cơ quan tuyên truyền…&lt;/p&gt;</content:encoded>
            <enclosure url="https://tinh.gov.vn/uploads/2017/03/cchc.jpg" length="0" type="image/jpeg" />
            <category domain="https://tinh.gov.vn/cai-cach-hanh-chinh">Cải cách hành chính</category>
            <pubDate>Wed, 15 Mar 2017 14:00:00 +0700</pubDate><guid isPermaLink="false">tag:tinh.gov.vn,2017-03-15:article:1</guid>
            <dc:creator>Quốc Tuấn</dc:creator></item>
            </channel></rss>""";

    static final String ATOM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi"><title>Cổng thông tin điện tử tỉnh</title>
            <link rel="alternate" type="text/html" href="https://tinh.gov.vn/" />
            <link rel="self" type="application/atom+xml" href="https://tinh.gov.vn/api/v1/feeds/atom" />
            <id>https://tinh.gov.vn/api/v1/feeds/atom</id><updated>2017-03-15T14:00:00+07:00</updated>
            <entry><title>Đẩy mạnh tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017</title>
            <link rel="alternate" type="text/html" href="https://tinh.gov.vn/cai-cach-hanh-chinh/day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017" />
            <link rel="enclosure" type="image/jpeg" href="https://tinh.gov.vn/uploads/2017/03/cchc.jpg" />
            <category term="cai-cach-hanh-chinh" label="Cải cách hành chính" scheme="https://tinh.gov.vn/cai-cach-hanh-chinh" />
            <author><name>Quốc Tuấn</name></author><id>tag:tinh.gov.vn,2017-03-15:article:1</id>
            <updated>2017-03-15T14:00:00+07:00</updated><published>2017-03-15T14:00:00+07:00</published>
            <content type="html">&lt;p&gt;Năm 2017 là năm phát huy vai trò tích cực của các cơ quan tuyên truyền…&lt;/p&gt;</content>
            <summary type="text">Để công tác cải cách hành chính năm 2017 đạt được nhiều kết quả, ngày 19/1/2017, UBND tỉnh ban hành kế hoạch số 09/KH-UBND.</summary></entry>
            </feed>""";

    static final String JSON = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Cổng thông tin điện tử tỉnh",
             "home_page_url": "https://tinh.gov.vn/", "feed_url": "https://tinh.gov.vn/api/v1/feeds/json", "language": "vi",
             "items": [{"id": "tag:tinh.gov.vn,2017-03-15:article:1",
               "url": "https://tinh.gov.vn/cai-cach-hanh-chinh/day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017",
               "title": "Đẩy mạnh tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017",
               "content_html": "<p>Năm 2017 là năm phát huy vai trò tích cực của các cơ quan tuyên truyền…</p>",
               "summary": "Để công tác cải cách hành chính năm 2017 đạt được nhiều kết quả, ngày 19/1/2017, UBND tỉnh ban hành kế hoạch số 09/KH-UBND.",
               "image": "https://tinh.gov.vn/uploads/2017/03/cchc.jpg",
               "date_published": "2017-03-15T14:00:00+07:00", "date_modified": "2017-03-15T14:00:00+07:00",
               "authors": [{"name": "Quốc Tuấn"}], "tags": ["Cải cách hành chính"]}]}""";

    static final String INDEX = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>https://tinh.gov.vn/api/v1/sitemaps/sections.xml</loc><lastmod>2017-03-01T08:00:00+07:00</lastmod></sitemap>
            <sitemap><loc>https://tinh.gov.vn/api/v1/sitemaps/articles-1.xml</loc><lastmod>2017-03-15T14:00:00+07:00</lastmod></sitemap>
            </sitemapindex>""";

    static final String SECTIONS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>https://tinh.gov.vn/cai-cach-hanh-chinh</loc><lastmod>2017-03-01T08:00:00+07:00</lastmod></url>
            </urlset>""";

    static final String ARTICLES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>https://tinh.gov.vn/cai-cach-hanh-chinh/day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017</loc><lastmod>2017-03-15T14:00:00+07:00</lastmod></url>
            </urlset>""";

    static final String NEWS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc>https://tinh.gov.vn/cai-cach-hanh-chinh/day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017</loc>
            <news:news><news:publication><news:name>Cổng thông tin điện tử tỉnh</news:name><news:language>vi</news:language></news:publication>
            <news:publication_date>2017-03-15T14:00:00+07:00</news:publication_date>
            <news:title>Đẩy mạnh tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017</news:title></news:news></url>
            </urlset>""";
}
