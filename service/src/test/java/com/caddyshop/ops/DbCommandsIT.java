package com.caddyshop.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.PackagedJar;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockServiceFactory;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's {@code db status}, {@code db migrate --dry-run} and {@code db locks}, run from the
 * packaged jar as a deploy would, on a real MariaDB; {@code migrate} keeps its own output.
 */
@ExtendWith(RealServers.class)
class DbCommandsIT {
    private static final String CONFIG = "config/production.yml";
    private static final Pattern PENDING = Pattern.compile("(\\d+) changesets? ha(?:s|ve) not been applied");

    @TempDir
    Path logs;

    @Test
    void statusCountsWhatMigrateThenAppliesAndIsUpToDateAfterwards() throws Exception {
        TestDatabase db = RealServers.newDatabase("db_status");
        PackagedJar jar = new PackagedJar(db, logs);

        int pending = pending(jar.succeed("db", "status", CONFIG));
        String migrated = jar.succeed("migrate", CONFIG);

        assertThat(pending).isPositive();
        assertThat(migrated).contains("migrations applied: " + pending);
        assertThat(jar.succeed("db", "status", CONFIG)).as("the same changelog, seen by both commands")
                .contains("is up to date").doesNotContain("not been applied");
    }

    @Test
    void dryRunPrintsTheMariaDbSqlAndChangesNothing() throws Exception {
        TestDatabase db = RealServers.newDatabase("db_dry_run");
        PackagedJar jar = new PackagedJar(db, logs);

        String sql = jar.succeed("db", "migrate", "--dry-run", CONFIG);

        assertThat(sql).contains("CREATE TABLE").contains("users").contains("AUTO_INCREMENT")
                .as("the TiDB detection filled the parameter").doesNotContain("${idGenerator}")
                .doesNotContain("AUTO_RANDOM(");
        assertThat(tables(db)).as("nothing was created, not even Liquibase's own tables").isEmpty();
        assertThat(pending(jar.succeed("db", "status", CONFIG))).isPositive();
    }

    @Test
    void dryRunOnACurrentSchemaPrintsNoChange() throws Exception {
        TestDatabase db = RealServers.newDatabase("db_dry_run_current");
        Migrations.apply(db);
        PackagedJar jar = new PackagedJar(db, logs);

        assertThat(jar.succeed("db", "migrate", "--dry-run", CONFIG)).doesNotContain("CREATE TABLE");
    }

    @Test
    void aLockLeftByAKilledDeployIsListedReleasedAndMigrateThenRuns() throws Exception {
        TestDatabase db = RealServers.newDatabase("db_locks");
        leaveLiquibaseLockBehind(db);
        PackagedJar jar = new PackagedJar(db, logs);

        assertThat(jar.succeed("db", "locks", "--list", CONFIG)).doesNotContain("No locks").contains(" at ");
        jar.succeed("db", "locks", "--force-release", CONFIG);
        assertThat(jar.succeed("db", "locks", "--list", CONFIG)).contains("No locks");

        assertThat(jar.succeed("migrate", CONFIG)).containsPattern("migrations applied: [1-9]");
        assertThat(jar.succeed("db", "status", CONFIG)).contains("is up to date");
    }

    @Test
    void locksWithoutAnActionIsRefused() throws Exception {
        TestDatabase db = RealServers.newDatabase("db_locks_usage");
        PackagedJar.Outcome outcome = new PackagedJar(db, logs).run("db", "locks", CONFIG);

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("--list or --force-release");
    }

    /** What a deploy killed mid-migration leaves: Liquibase's own lock taken and never released. */
    private static void leaveLiquibaseLockBehind(TestDatabase db) throws Exception {
        try (Connection connection = Migrations.dataSource(db).getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            assertThat(LockServiceFactory.getInstance().getLockService(database).acquireLock()).isTrue();
        } finally {
            LockServiceFactory.getInstance().resetAll();
        }
    }

    private static int pending(String statusOutput) {
        Matcher matcher = PENDING.matcher(statusOutput);
        assertThat(matcher.find()).as(statusOutput).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static List<String> tables(TestDatabase db) {
        return Jdbi.create(Migrations.dataSource(db)).withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
                .mapTo(String.class).list());
    }
}
