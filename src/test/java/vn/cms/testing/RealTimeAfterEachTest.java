package vn.cms.testing;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/** Gives the service its real clock back after every test, whichever test stopped it. */
public class RealTimeAfterEachTest implements QuarkusTestAfterEachCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        Arc.container().instance(TestClock.class).get().reset();
    }
}
