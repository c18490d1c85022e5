package com.caddyshop.payments;

import java.time.LocalDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code payment_events}: the events applied, by the provider's id. */
@RegisterConstructorMapper(StoredEvent.class)
interface PaymentEventDao {

    /** First statement of an event's transaction: a second delivery of the event fails here with a duplicate key. */
    @SqlUpdate("""
            INSERT INTO payment_events (event_id, event_type, payment_intent, outcome, signed_at, received_at)
            VALUES (:eventId, :type, :intent, 'RECEIVED', :signedAt, :receivedAt)""")
    void insert(@Bind("eventId") String eventId, @Bind("type") String type, @Bind("intent") String intent,
                @Bind("signedAt") long signedAt, @Bind("receivedAt") LocalDateTime receivedAt);

    @SqlUpdate("UPDATE payment_events SET outcome = :outcome WHERE event_id = :eventId")
    void setOutcome(@Bind("eventId") String eventId, @Bind("outcome") WebhookOutcome outcome);

    /** One batch of the retention's purge (idx_payment_events_received). */
    @SqlUpdate("DELETE FROM payment_events WHERE received_at < :before LIMIT :limit")
    int purgeReceivedBefore(@Bind("before") LocalDateTime before, @Bind("limit") int limit);

    @SqlQuery("SELECT event_id, outcome, signed_at FROM payment_events WHERE event_id = :eventId")
    Optional<StoredEvent> find(@Bind("eventId") String eventId);
}
