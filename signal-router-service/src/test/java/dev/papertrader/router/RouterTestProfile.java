package dev.papertrader.router;

import dev.papertrader.localstack.LocalInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test setup of the router's {@code @QuarkusTest}s: real PostgreSQL and Artemis from the local stack, connected
 * as the router service (role router_svc, schema router).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(value = LocalInfraTestResource.class,
        initArgs = @ResourceArg(name = LocalInfraTestResource.SERVICE_ARG, value = "router"))
@interface RouterTestProfile {
}
