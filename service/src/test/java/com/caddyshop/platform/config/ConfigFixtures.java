package com.caddyshop.platform.config;

import com.caddyshop.CaddyShopConfiguration;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.text.lookup.StringLookupFactory;

/**
 * Loads the real production.yml with a chosen environment, as the service would parse it. The start-up
 * checks ({@link Servable}) are left out so a test can look at a configuration they would refuse;
 * {@code CheckCommandIT} covers them as the service applies them.
 */
final class ConfigFixtures {
    private ConfigFixtures() {
    }

    static CaddyShopConfiguration load(String... environment) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < environment.length; i += 2) {
            env.put(environment[i], environment[i + 1]);
        }
        EnvironmentVariableSubstitutor substitutor = new EnvironmentVariableSubstitutor(false);
        substitutor.setVariableResolver(StringLookupFactory.INSTANCE.mapStringLookup(env));
        try {
            return new YamlConfigurationFactory<>(CaddyShopConfiguration.class,
                    new WithoutStartupChecks(Validators.newValidator()),
                    Jackson.newObjectMapper(), "dw")
                    .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor),
                            "config/production.yml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
