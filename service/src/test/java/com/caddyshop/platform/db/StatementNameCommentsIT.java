package com.caddyshop.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.testing.Migrations;
import com.caddyshop.testing.RealServers;
import com.caddyshop.testing.TestDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The database sees each DAO statement named in a comment, and Jdbi parses each template once. */
@ExtendWith(RealServers.class)
class StatementNameCommentsIT {
    static Jdbi jdbi;
    static DataSource dataSource;

    /** A statement that reads its own text as the server received it. */
    interface OwnText {
        @SqlQuery("SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID() AND <always>")
        String read(@Define("always") String always);
    }

    @BeforeAll
    static void setUp() {
        TestDatabase db = RealServers.newDatabase("statement_names");
        dataSource = Migrations.dataSource(db);
        jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        jdbi.setTemplateEngine(new StatementNameComments(new DefinedAttributeTemplateEngine()));
    }

    @Test
    void daoStatementsCarryTheirNameAndDefinesStillApply() {
        String first = jdbi.withExtension(OwnText.class, dao -> dao.read("1 = 1"));
        assertThat(first).isEqualTo("/* OwnText.read */ SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID() AND 1 = 1");
        String second = jdbi.withExtension(OwnText.class, dao -> dao.read("2 = 2"));
        assertThat(second).as("a define is applied per call, not cached").endsWith("AND 2 = 2");
        String plain = jdbi.withHandle(h -> h.createQuery("SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()")
                .mapTo(String.class).one());
        assertThat(plain).as("a statement outside a DAO is sent as written").startsWith("SELECT INFO");
    }

    @Test
    void eachTemplateIsParsedOnceThenServedFromTheCache() {
        AtomicInteger parsed = new AtomicInteger();
        DefinedAttributeTemplateEngine defines = new DefinedAttributeTemplateEngine();
        Jdbi counting = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        counting.setTemplateEngine(new StatementNameComments((template, config) -> {
            parsed.incrementAndGet();
            return defines.parse(template, config);
        }));
        for (int i = 0; i < 6; i++) {
            String always = i + " = " + i;
            String text = counting.withExtension(OwnText.class, dao -> dao.read(always));
            assertThat(text).endsWith(always);
        }
        assertThat(parsed).as("templates parsed for 6 executions").hasValue(1);
    }
}
