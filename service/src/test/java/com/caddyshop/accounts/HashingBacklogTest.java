package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The expected wait of a new hash: what is ahead of it, shared among the threads, times the recent time per hash. */
class HashingBacklogTest {
    static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void nothingIsExpectedBeforeTheFirstHashFinished() {
        HashingBacklog backlog = new HashingBacklog(1);
        for (int i = 0; i < 50; i++) {
            backlog.added();
        }
        assertThat(backlog.expectedWait()).isZero();
    }

    @Test
    void waitGrowsWithTheQueueAndShrinksWithThreads() {
        HashingBacklog one = new HashingBacklog(1);
        HashingBacklog two = new HashingBacklog(2);
        for (HashingBacklog backlog : new HashingBacklog[] {one, two}) {
            backlog.added();
            backlog.finished(SECOND / 4);
            for (int i = 0; i < 8; i++) {
                backlog.added();
            }
        }
        assertThat(one.expectedWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(two.expectedWait()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theAverageFollowsSlowerHashesAndDroppedOnesLeaveTheQueue() {
        HashingBacklog backlog = new HashingBacklog(1);
        backlog.added();
        backlog.finished(SECOND / 10);
        for (int i = 0; i < 5; i++) {
            backlog.added();
            backlog.finished(SECOND);
        }
        backlog.added();
        backlog.added();
        Duration twoAhead = backlog.expectedWait();
        assertThat(twoAhead).isBetween(Duration.ofMillis(1200), Duration.ofSeconds(2));
        backlog.dropped();
        assertThat(backlog.expectedWait()).isEqualTo(twoAhead.dividedBy(2));
    }
}
