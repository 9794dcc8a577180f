package vn.cms.article;

/** Example bodies for the API documentation, from the sample content. */
public final class ArticleExamples {

    private static final String SUMMARY_FIELDS_BUT_VIEWS = """
            "id": 1,
              "slug": "day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017",
              "title": "Đẩy mạnh tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017",
              "summary": "Để công tác cải cách hành chính năm 2017 đạt được nhiều kết quả, ngày 19/1/2017, UBND tỉnh ban hành kế hoạch số 09/KH-UBND về việc tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017.",
              "author": "Quốc Tuấn",
              "section": {"id": 1, "slug": "cai-cach-hanh-chinh", "name": "Cải cách hành chính"},
              "tags": [],
              "featuredImage": null,
              "publishedAt": "2017-03-15T14:00:00+07:00",
              "updatedAt": "2017-03-15T14:00:00+07:00",
            """;

    private static final String SUMMARY_FIELDS = SUMMARY_FIELDS_BUT_VIEWS + "  \"viewCount\": 0";

    static final String ONE = "{\n  " + SUMMARY_FIELDS + """
            ,
              "body": "<p>Năm 2017 là năm phát huy vai trò tích cực của các cơ quan tuyên truyền, cơ quan thông tin đại chúng…</p>",
              "version": 1
            }""";

    static final String PAGE = "{\"items\": [{\n  " + SUMMARY_FIELDS + """
            }],
              "page": 1, "size": 20, "totalItems": 1, "totalPages": 1, "nextCursor": null
            }""";

    /** The most viewed articles, as {@code GET /api/v1/stats/popular} lists them. */
    public static final String POPULAR = "{\"items\": [{\n  " + SUMMARY_FIELDS_BUT_VIEWS + "  \"viewCount\": 15873" + """
            }]
            }""";

    static final String EDITORIAL = "{\n  " + SUMMARY_FIELDS + """
            ,
              "body": "<p>Năm 2017 là năm phát huy vai trò tích cực của các cơ quan tuyên truyền, cơ quan thông tin đại chúng…</p>",
              "version": 1,
              "status": "DRAFT"
            }""";

    static final String INPUT = """
            {"title": "Đẩy mạnh tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017",
             "summary": "Để công tác cải cách hành chính năm 2017 đạt được nhiều kết quả, ngày 19/1/2017, UBND tỉnh ban hành kế hoạch số 09/KH-UBND.",
             "body": "<p>Năm 2017 là năm phát huy vai trò tích cực của các cơ quan tuyên truyền…</p>",
             "author": "Quốc Tuấn", "sectionId": 1, "tags": ["CCHC"]}""";

    private ArticleExamples() {
    }
}
