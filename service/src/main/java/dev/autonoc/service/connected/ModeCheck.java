package dev.autonoc.service.connected;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * {@code autonoc.mode}: {@code embedded} (the default: H2 and the in-process twin) or {@code
 * connected} (Kafka in, TMF HTTP out, the wall clock). A misspelt mode would leave the service with
 * neither set of adapters and a confusing failure: it stops the start with a clear one.
 */
@Configuration(proxyBeanMethods = false)
class ModeCheck {

    static final List<String> MODES = List.of("embedded", "connected");

    ModeCheck(@Value("${autonoc.mode:embedded}") String mode) {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException(
                    "autonoc.mode is '" + mode + "'; one of " + MODES + " is accepted");
        }
    }
}
