package com.caddyshop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmtpTransportTest {
    private static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    private final String before = System.getProperty(PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void namesTheProviderTheServiceLoaderWouldFind() {
        System.clearProperty(PROPERTY);
        // Without the property: the ServiceLoader's answer, which the named class must stay equal to.
        String found = StreamProvider.provider().getClass().getName();
        SmtpTransport.nameTheStreamProvider();
        assertThat(System.getProperty(PROPERTY)).isEqualTo(found).isEqualTo(SmtpTransport.ANGUS_STREAM_PROVIDER);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(found);
    }

    @Test
    void keepsWhatAnOperatorNamed() {
        System.setProperty(PROPERTY, "com.example.OperatorsStreamProvider");
        SmtpTransport.nameTheStreamProvider();
        assertThat(System.getProperty(PROPERTY)).isEqualTo("com.example.OperatorsStreamProvider");
    }
}
