package vn.cms.section;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.cms.testing.Accounts.as;
import static vn.cms.testing.Accounts.tokenFor;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.cms.common.db.Sql;
import vn.cms.testing.ContentFixtures;

/** The sections stay a tree under concurrent moves, and reads of the tree end even if it were not one. */
@QuarkusTest
class SectionTreeTest {

    private static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    @Inject
    ContentFixtures fixtures;

    @Inject
    Sql sql;

    @Test
    void twoMovesAtTheSameMomentCannotPutEachUnderTheOther() throws Exception {
        String editor = tokenFor("EDITOR");
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                Section a = fixtures.section("A");
                Section b = fixtures.section("B");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> moves = new ArrayList<>();
                for (Section[] move : new Section[][] {{a, b}, {b, a}}) {
                    Callable<Integer> patch = () -> {
                        start.await();
                        return as(editor).contentType(MERGE_PATCH).body(Map.of("parentId", move[1].id))
                                .patch("/api/v1/sections/" + move[0].id).then().extract().statusCode();
                    };
                    moves.add(clients.submit(patch));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>(List.of(moves.get(0).get(), moves.get(1).get()));
                statuses.sort(null);
                assertEquals(List.of(200, 400), statuses, "round " + round);
                Long parentOfA = parentOf(a.id);
                Long parentOfB = parentOf(b.id);
                assertEquals(true, (parentOfA == null) != (parentOfB == null),
                        "round " + round + ": A under " + parentOfA + ", B under " + parentOfB);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void readsOfTheTreeEndEvenIfTheDataHeldACycle() {
        Section a = fixtures.section("Vòng A");
        Section b = fixtures.section("Vòng B", a.id, 1);
        fixtures.article(b);
        sql.update("update section set parent_id = ? where id = ?", List.of(b.id, a.id));
        try {
            given().get("/api/v1/sections").then().statusCode(200);
            given().get("/api/v1/sections/" + a.id).then().statusCode(200)
                    .body("parentId", is(b.id.intValue()))
                    .body("articleCount", is(1));
            given().get("/api/v1/sections/slug/" + b.slug).then().statusCode(200).body("articleCount", is(1));
            given().queryParam("section", a.slug).get("/api/v1/articles").then().statusCode(200)
                    .body("totalItems", is(1));
            given().queryParam("section", a.slug).get("/api/v1/stats/popular").then().statusCode(200);
            // Moving a section of the loop to the top breaks it.
            as(tokenFor("EDITOR")).contentType(MERGE_PATCH).body("{\"parentId\": null}")
                    .patch("/api/v1/sections/" + a.id).then().statusCode(200);
            given().get("/api/v1/sections/" + b.id).then().statusCode(200).body("parentId", is(a.id.intValue()));
        } finally {
            sql.update("update section set parent_id = null where id in (?, ?)", List.of(a.id, b.id));
        }
    }

    private Long parentOf(long id) {
        return sql.list("select parent_id from section where id = ?", List.of(id),
                row -> row.getObject(1, Long.class)).get(0);
    }
}
