package com.caddyshop.ops;

import com.caddyshop.platform.db.LongStatements;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps monthly partitions of {@code orders} ahead of time: splits the catch-all {@code pmax}
 * into {@code pYYYYMM} partitions for the coming months (REORGANIZE PARTITION works on MariaDB
 * and TiDB alike). Orders never fail for want of a partition, since {@code pmax} always remains.
 */
public final class OrderPartitions {
    private static final Pattern MONTHLY = Pattern.compile("p\\d{6}");
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'p'yyyyMM");

    private final Jdbi jdbi;
    private final LongStatements ddl;
    private final Clock clock;

    public OrderPartitions(Jdbi jdbi, LongStatements ddl, Clock clock) {
        this.jdbi = jdbi;
        this.ddl = ddl;
        this.clock = clock;
    }

    /** Adds the missing monthly partitions up to {@code monthsAhead} months from now; returns their names. */
    public List<String> ensure(int monthsAhead) {
        if (monthsAhead < 0 || monthsAhead > 36) {
            throw new IllegalArgumentException("months must be between 0 and 36");
        }
        List<String> names = jdbi.withHandle(h -> h.createQuery("""
                        SELECT partition_name FROM information_schema.partitions
                        WHERE table_schema = DATABASE() AND table_name = 'orders' AND partition_name IS NOT NULL""")
                .mapTo(String.class).list());
        Set<String> existing = new TreeSet<>(names);
        String newest = existing.stream().filter(n -> MONTHLY.matcher(n).matches()).reduce((a, b) -> b).orElse("p000000");
        YearMonth current = YearMonth.from(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        List<String> added = new ArrayList<>();
        for (int i = 0; i <= monthsAhead; i++) {
            YearMonth month = current.plusMonths(i);
            String name = month.format(NAME);
            // Only months after the newest one can be split off pmax; older gaps stay in their ranges.
            if (name.compareTo(newest) <= 0) {
                continue;
            }
            String upperBound = month.plusMonths(1).atDay(1).toString();
            // A partition change may outlast a request's statement bound (it copies pmax's rows).
            ddl.withHandle(h -> h.execute("ALTER TABLE orders REORGANIZE PARTITION pmax INTO ("
                    + "PARTITION " + name + " VALUES LESS THAN ('" + upperBound + "'), "
                    + "PARTITION pmax VALUES LESS THAN (MAXVALUE))"));
            added.add(name);
            newest = name;
        }
        return added;
    }
}
