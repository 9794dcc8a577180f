package vn.cms.sync;

/** Examples for the API document, in the portal's own words. */
final class SyncExamples {

    static final String DELTA = """
            {"items": [
              {"type": "article", "id": 1, "action": "upsert", "at": "2017-03-15T14:00:00+07:00",
               "data": {"id": 1, "slug": "day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017",
                        "title": "Đẩy mạnh tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017",
                        "summary": "Để công tác cải cách hành chính năm 2017 đạt được nhiều kết quả…", "author": "Quốc Tuấn",
                        "section": {"id": 1, "slug": "cai-cach-hanh-chinh", "name": "Cải cách hành chính"},
                        "tags": [], "featuredImage": null, "publishedAt": "2017-03-15T14:00:00+07:00",
                        "updatedAt": "2017-03-15T14:00:00+07:00", "viewCount": 0,
                        "body": "<p>Năm 2017 là năm phát huy vai trò tích cực…</p>", "version": 1}},
              {"type": "article", "id": 7, "action": "delete", "at": "2017-03-16T08:30:00+07:00", "data": null}
            ],
             "nextToken": "MXxBUlRJQ0xFLFNFQ1RJT058fDEwMHxkfDQyfDE0ODk1NjEyMDAwMDAwMDB8QVJUSUNMRXwwfDB8MTQ4OTU2MTIwMDAwMDAwMA.x8h1bP0r6C9qJk2Qy0sX2w",
             "hasMore": false}""";

    private SyncExamples() {
    }
}
