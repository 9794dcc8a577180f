package vn.cms.section;

/** Example bodies for the API documentation, from the sample content. */
final class SectionExamples {

    static final String ONE = """
            {"id": 1, "slug": "cai-cach-hanh-chinh", "name": "Cải cách hành chính", "description": null,
             "parentId": null, "position": 1, "articleCount": 1}""";

    static final String LIST = """
            {"items": [
              {"id": 1, "slug": "cai-cach-hanh-chinh", "name": "Cải cách hành chính", "description": null,
               "parentId": null, "position": 1, "articleCount": 1},
              {"id": 2, "slug": "thong-tin-cai-cach", "name": "Thông tin cải cách", "description": null,
               "parentId": 1, "position": 2, "articleCount": 0}
            ]}""";

    private SectionExamples() {
    }
}
