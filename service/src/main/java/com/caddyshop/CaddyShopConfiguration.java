package com.caddyshop;

import com.caddyshop.accounts.AccountSettings;
import com.caddyshop.accounts.PasswordHashCostCheck;
import com.caddyshop.accounts.auth.JwtSecretsCheck;
import com.caddyshop.accounts.auth.JwtSettings;
import com.caddyshop.catalog.UploadSettings;
import com.caddyshop.mail.LinkBaseUrlCheck;
import com.caddyshop.mail.SmtpCheck;
import com.caddyshop.payments.WebhookSecretCheck;
import com.caddyshop.platform.PlatformSettings;
import com.caddyshop.platform.admin.AdminAccessFilter;
import com.caddyshop.platform.config.CommaList;
import com.caddyshop.platform.config.DatabaseLimitSettings;
import com.caddyshop.platform.config.HealthSettings;
import com.caddyshop.platform.config.MailSettings;
import com.caddyshop.platform.config.OrderSettings;
import com.caddyshop.platform.config.PaymentSettings;
import com.caddyshop.platform.config.Servable;
import com.caddyshop.platform.config.ServableConfiguration;
import com.caddyshop.platform.config.SmtpSettings;
import com.caddyshop.platform.config.StartupCheck;
import com.caddyshop.platform.config.ThrottlerSettings;
import com.caddyshop.platform.ratelimit.TrustedProxiesCheck;
import com.caddyshop.platform.redis.RedisSettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The service's YAML configuration; every value can come from the guide's environment variables. Each
 * section is its room's own settings class, handed to that room alone; the rooms' start-up rules are
 * collected here ({@link #startupChecks}) so platform never reads this class.
 */
@Servable
public class CaddyShopConfiguration extends Configuration implements ServableConfiguration {

    /** {@code development}, {@code test} or {@code production}; production turns on the start-up safety checks. */
    @NotNull
    @Pattern(regexp = "development|test|production")
    private String appEnv = "development";

    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    private DatabaseLimitSettings databaseLimits = new DatabaseLimitSettings();

    @Valid
    @NotNull
    private RedisSettings redis = new RedisSettings();

    @Valid
    @NotNull
    private JwtSettings jwt = new JwtSettings();

    @Valid
    @NotNull
    private ThrottlerSettings throttler = new ThrottlerSettings();

    @Valid
    @NotNull
    private AccountSettings accounts = new AccountSettings();

    @Valid
    @NotNull
    private OrderSettings orders = new OrderSettings();

    @Valid
    @NotNull
    private SmtpSettings smtp = new SmtpSettings();

    @Valid
    @NotNull
    private MailSettings mail = new MailSettings();

    @Valid
    @NotNull
    private UploadSettings uploads = new UploadSettings();

    /** Our probes' settings; not {@code health}, which is Dropwizard's own health module's key. */
    @Valid
    @NotNull
    private HealthSettings healthProbes = new HealthSettings();

    @Valid
    @NotNull
    private PaymentSettings payments = new PaymentSettings();

    /** Addresses of reverse proxies whose {@code X-Forwarded-For} is believed. */
    @NotNull
    private List<String> trustedProxies = new ArrayList<>();

    @NotNull
    private List<String> adminAllowedNetworks = new ArrayList<>(List.of("127.0.0.0/8", "::1"));

    @JsonProperty
    public String getAppEnv() {
        return appEnv;
    }

    @JsonProperty
    public void setAppEnv(String appEnv) {
        this.appEnv = appEnv;
    }

    @Override
    public boolean isProduction() {
        return "production".equals(appEnv);
    }

    /** Each room's rules for its own settings (see {@link com.caddyshop.platform.config.StartupChecks}). */
    @Override
    public List<StartupCheck> startupChecks() {
        List<StartupCheck> checks = new ArrayList<>(List.of(new TrustedProxiesCheck(trustedProxies),
                AdminAccessFilter.startupCheck(adminAllowedNetworks)));
        // A missing section is already a violation of its own (@NotNull); the rules below read them.
        if (Stream.of(database, redis, jwt, accounts, smtp, mail, payments).noneMatch(Objects::isNull)) {
            checks.addAll(List.of(
                    new JwtSecretsCheck(jwt),
                    StartupCheck.realPassword("DB_PASSWORD", database.getPassword()),
                    StartupCheck.realPassword("REDIS_PASSWORD", redis.getPassword()),
                    new PasswordHashCostCheck(accounts),
                    new SmtpCheck(smtp),
                    new WebhookSecretCheck(payments),
                    new LinkBaseUrlCheck(mail)));
        }
        return checks;
    }

    /** What platform builds the shared infrastructure from (it reads nothing else of this class). */
    public PlatformSettings platformSettings() {
        return new PlatformSettings(getServerFactory(), database, databaseLimits, redis, healthProbes);
    }

    @JsonProperty("database")
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty
    public DatabaseLimitSettings getDatabaseLimits() {
        return databaseLimits;
    }

    @JsonProperty
    public void setDatabaseLimits(DatabaseLimitSettings databaseLimits) {
        this.databaseLimits = databaseLimits;
    }

    @JsonProperty
    public RedisSettings getRedis() {
        return redis;
    }

    @JsonProperty
    public void setRedis(RedisSettings redis) {
        this.redis = redis;
    }

    @JsonProperty
    public JwtSettings getJwt() {
        return jwt;
    }

    @JsonProperty
    public void setJwt(JwtSettings jwt) {
        this.jwt = jwt;
    }

    @JsonProperty
    public ThrottlerSettings getThrottler() {
        return throttler;
    }

    @JsonProperty
    public void setThrottler(ThrottlerSettings throttler) {
        this.throttler = throttler;
    }

    @JsonProperty
    public AccountSettings getAccounts() {
        return accounts;
    }

    @JsonProperty
    public void setAccounts(AccountSettings accounts) {
        this.accounts = accounts;
    }

    @JsonProperty
    public OrderSettings getOrders() {
        return orders;
    }

    @JsonProperty
    public void setOrders(OrderSettings orders) {
        this.orders = orders;
    }

    @JsonProperty
    public SmtpSettings getSmtp() {
        return smtp;
    }

    @JsonProperty
    public void setSmtp(SmtpSettings smtp) {
        this.smtp = smtp;
    }

    @JsonProperty
    public MailSettings getMail() {
        return mail;
    }

    @JsonProperty
    public void setMail(MailSettings mail) {
        this.mail = mail;
    }

    @JsonProperty
    public UploadSettings getUploads() {
        return uploads;
    }

    @JsonProperty
    public void setUploads(UploadSettings uploads) {
        this.uploads = uploads;
    }

    @JsonProperty
    public HealthSettings getHealthProbes() {
        return healthProbes;
    }

    @JsonProperty
    public void setHealthProbes(HealthSettings healthProbes) {
        this.healthProbes = healthProbes;
    }

    @JsonProperty
    public PaymentSettings getPayments() {
        return payments;
    }

    @JsonProperty
    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    /** Accepts a list, or the comma-separated string that {@code TRUSTED_PROXIES} gives. */
    @JsonProperty
    public void setTrustedProxies(Object trustedProxies) {
        this.trustedProxies = CommaList.parse(trustedProxies);
    }

    /** Who may reach the admin port ({@code ADMIN_ALLOWED_NETWORKS}); loopback unless configured. */
    @JsonProperty
    public List<String> getAdminAllowedNetworks() {
        return adminAllowedNetworks;
    }

    @JsonProperty
    public void setAdminAllowedNetworks(Object adminAllowedNetworks) {
        this.adminAllowedNetworks = CommaList.parse(adminAllowedNetworks);
    }
}
