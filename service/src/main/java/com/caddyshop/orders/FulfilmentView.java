package com.caddyshop.orders;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.ZoneOffset;

/** {@link Fulfilment} as clients see it. */
public record FulfilmentView(String carrier, String trackingNumber,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) Instant shippedAt) {

    static FulfilmentView of(Fulfilment fulfilment) {
        return fulfilment == null ? null : new FulfilmentView(fulfilment.carrier(), fulfilment.trackingNumber(),
                fulfilment.shippedAt().toInstant(ZoneOffset.UTC));
    }
}
