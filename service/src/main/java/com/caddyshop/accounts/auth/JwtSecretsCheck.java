package com.caddyshop.accounts.auth;

import com.caddyshop.platform.config.Secrets;
import com.caddyshop.platform.config.StartupCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code JWT_SECRET} and {@code JWT_SECRET_PREVIOUS}. Production holds both to the strength rule of
 * {@link Secrets} (and refuses a rotation that keeps the old value); elsewhere only the floor HS256
 * itself needs, which the token signer would refuse anyway, so {@code check} says it first.
 */
public record JwtSecretsCheck(JwtSettings jwt) implements StartupCheck {
    @Override
    public List<String> problems(boolean production) {
        List<String> problems = new ArrayList<>();
        String secret = jwt.getSecret();
        String previous = jwt.getPreviousSecret();
        if (production) {
            if (secret.isBlank()) {
                problems.add("JWT_SECRET is missing");
            } else {
                Secrets.weakness("JWT_SECRET", secret).ifPresent(problems::add);
            }
            problems.addAll(Secrets.previousProblems("JWT_SECRET", secret, "JWT_SECRET_PREVIOUS", previous));
            return problems;
        }
        shortSecret("JWT_SECRET", secret, problems);
        if (!previous.isEmpty()) {
            shortSecret("JWT_SECRET_PREVIOUS", previous, problems);
        }
        return problems;
    }

    private static void shortSecret(String name, String secret, List<String> problems) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < JwtSettings.MIN_SECRET_BYTES) {
            problems.add(name + " must be at least " + JwtSettings.MIN_SECRET_BYTES + " bytes");
        }
    }
}
