package dev.autonoc.service.security;

import dev.autonoc.service.store.ServiceDatabase;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The personal API tokens in the service's database. The {@link ServiceDatabase} is asked for so
 * that its migrations (the tokens' table among them) have run first.
 */
@Configuration(proxyBeanMethods = false)
class TokenWiring {

    @Bean
    ApiTokens apiTokens(
            DataSource dataSource,
            ServiceDatabase migratedFirst,
            Clock wallClock,
            TokenProperties settings) {
        return new ApiTokens(new JdbcTokenRows(dataSource), wallClock, settings);
    }
}
