package com.caddyshop.platform.health;

import java.util.concurrent.atomic.AtomicBoolean;

/** Set by the admin {@code drain} task: {@code /health} answers 503 so load balancers stop sending traffic. */
public final class DrainSwitch {
    private final AtomicBoolean draining = new AtomicBoolean();

    public boolean isDraining() {
        return draining.get();
    }

    public void drain() {
        draining.set(true);
    }

    public void resume() {
        draining.set(false);
    }
}
