package com.caddyshop;

import com.caddyshop.accounts.AccountsFeature;
import com.caddyshop.addresses.AddressesFeature;
import com.caddyshop.cart.CartFeature;
import com.caddyshop.cart.CartService;
import com.caddyshop.mail.MailFeature;
import com.caddyshop.catalog.CatalogFeature;
import com.caddyshop.ops.DbCommands;
import com.caddyshop.ops.DemoDataCommand;
import com.caddyshop.ops.MigrateCommand;
import com.caddyshop.ops.OpsFeature;
import com.caddyshop.orders.OrderPayments;
import com.caddyshop.orders.OrdersFeature;
import com.caddyshop.payments.PaymentsFeature;
import com.caddyshop.platform.Platform;
import com.caddyshop.platform.admin.AdminAccessFilter;
import com.caddyshop.platform.api.OpenApiResource;
import com.caddyshop.platform.ratelimit.ApiBudget;
import com.caddyshop.platform.ratelimit.RateLimiting;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

public class CaddyShopApplication extends Application<CaddyShopConfiguration> {

    public static void main(String[] args) throws Exception {
        new CaddyShopApplication().run(args);
    }

    @Override
    public String getName() {
        return "caddy-backend";
    }

    @Override
    public void initialize(Bootstrap<CaddyShopConfiguration> bootstrap) {
        // The guide's variable names (PORT, DB_HOST, ...) fill the YAML; unset ones take its defaults.
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        // JVM gauges (memory, GC, threads); Application.run registers them too, test harnesses do not.
        bootstrap.registerMetrics();
        // Instants as ISO-8601 strings everywhere (clients in any language parse them; epoch
        // fractions lose precision in JavaScript), not only where a record says so.
        bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        bootstrap.addCommand(new MigrateCommand());
        bootstrap.addCommand(new DbCommands());
        bootstrap.addCommand(new DemoDataCommand());
    }

    @Override
    public void run(CaddyShopConfiguration config, Environment environment) {
        AdminAccessFilter.register(environment, config.getAdminAllowedNetworks());
        Platform platform = Platform.start(config.platformSettings(), environment);
        RateLimiting rateLimiting = RateLimiting.start(config.getThrottler(), config.getTrustedProxies(), environment,
                platform);
        MailFeature mail = MailFeature.register(config.getSmtp(), config.getMail(), environment, platform);
        AccountsFeature accounts = AccountsFeature.register(config.getJwt(), config.getAccounts(), environment, platform,
                rateLimiting, mail);
        ApiBudget apiBudget = rateLimiting.protectApi(accounts.callers());
        CatalogFeature.Registered catalog = CatalogFeature.register(config.getUploads(), environment, platform, rateLimiting,
                apiBudget);
        CartService cart = CartFeature.register(environment, platform, catalog.catalog());
        OrderPayments payments = OrdersFeature.register(config.getOrders(), environment, platform, catalog.catalog(),
                catalog.inventory(), cart, mail, accounts.mailRecipients(), accounts.verifiedEmail(),
                AddressesFeature.register(environment, platform));
        PaymentsFeature.register(config.getPayments(), environment, platform, payments);
        OpsFeature.register(environment, platform, accounts.accountTokens());
        environment.jersey().register(OpenApiResource.fromClasspath());
    }
}
