package vn.cms.testing;

import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.List;

/**
 * Every answer any test receives through RestAssured is checked against the committed
 * openapi/openapi.yaml ({@link OpenApiContract}): a document that disagrees with the service
 * fails the test that met the disagreement. Requests are not checked, since tests send invalid
 * ones on purpose.
 */
public class ResponsesMatchTheDocument implements QuarkusTestBeforeEachCallback, Filter {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(ResponsesMatchTheDocument.class::isInstance)) {
            RestAssured.filters(this);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        Response answer = context.next(request, response);
        String path = URI.create(request.getURI()).getRawPath();
        List<String> problems = OpenApiContract.committed()
                .check(request.getMethod(), path, RestAssuredResponse.of(answer));
        if (!problems.isEmpty()) {
            throw new AssertionError("The answer disagrees with openapi/openapi.yaml:\n  "
                    + OpenApiContract.format(problems));
        }
        return answer;
    }
}
