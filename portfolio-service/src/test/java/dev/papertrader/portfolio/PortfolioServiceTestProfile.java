package dev.papertrader.portfolio;

import dev.papertrader.localstack.LocalInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one test setup of the portfolio service's {@code @QuarkusTest}s: real PostgreSQL and Artemis from the local
 * stack, connected as the portfolio service. Every test class carries it, so Quarkus boots once for all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(value = LocalInfraTestResource.class,
        initArgs = @ResourceArg(name = LocalInfraTestResource.SERVICE_ARG, value = "portfolio"))
@interface PortfolioServiceTestProfile {
}
