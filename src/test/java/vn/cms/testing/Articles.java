package vn.cms.testing;

import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Article bodies for the editorial API. */
public final class Articles {

    private Articles() {
    }

    /** A valid create/replace body in the section; callers put or remove fields. */
    public static Map<String, Object> input(long sectionId) {
        Map<String, Object> input = new HashMap<>();
        input.put("title", "Hội nghị " + ContentFixtures.unique("cải cách"));
        input.put("summary", "Tóm tắt hội nghị");
        input.put("body", "<p>Nội dung hội nghị</p>");
        input.put("author", "Quốc Tuấn");
        input.put("sectionId", sectionId);
        input.put("tags", List.of("CCHC"));
        return input;
    }

    /** Creates an article through the API as the token's account; answers the response body. */
    public static Map<String, Object> create(String token, Map<String, Object> input) {
        return Accounts.as(token).contentType(ContentType.JSON).body(input)
                .post("/api/v1/articles").then().statusCode(201)
                .extract().as(Map.class);
    }

    public static long id(Map<String, Object> article) {
        return ((Number) article.get("id")).longValue();
    }
}
