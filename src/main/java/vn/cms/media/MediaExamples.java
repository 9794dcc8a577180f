package vn.cms.media;

/** Examples for the API document, in the portal's language. */
final class MediaExamples {

    static final String MEDIA = """
            {
              "id": 12,
              "url": "/api/v1/media/12/file",
              "mimeType": "image/jpeg",
              "width": 4000,
              "height": 3000,
              "size": 2481344,
              "filename": "hoi-nghi-cchc.jpg",
              "alt": "Hội nghị triển khai công tác cải cách hành chính năm 2017",
              "caption": "Quang cảnh hội nghị tại UBND tỉnh",
              "focalPoint": {"x": 0.5, "y": 0.3},
              "createdAt": "2017-03-15T14:00:00+07:00"
            }""";

    static final String PAGE = """
            {
              "items": [""" + MEDIA + """
            ],
              "page": 1,
              "size": 20,
              "totalItems": 1,
              "totalPages": 1,
              "nextCursor": null
            }""";

    static final String PATCH = """
            {"alt": "Đồng chí Chủ tịch UBND tỉnh phát biểu tại hội nghị", "focalPoint": {"x": 0.62, "y": 0.35}}""";

    private MediaExamples() {
    }
}
