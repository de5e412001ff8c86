package dev.autonoc.service.simulation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code autonoc.approvals.*}: how long a pending approval waits for a person.
 *
 * <p>A request nobody answers within {@code timeout} (simulated time, the loop's time) expires and
 * escalates to the role that directly includes the one it asked for ({@code
 * autonoc.security.role-includes}; by default an operator's request goes to a supervisor). A
 * request that expires at the top of the hierarchy hands its case to a person. An expired request
 * never reaches a tool.
 *
 * @param timeout how long a request waits, in simulated time; {@code 0} waits for ever
 */
@ConfigurationProperties("autonoc.approvals")
public record ApprovalProperties(@DefaultValue("1d") Duration timeout) {

    public ApprovalProperties {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException(
                    "autonoc.approvals.timeout must be a duration of 0 or more (e.g. 4h, 1d; 0 waits"
                            + " for ever), got "
                            + timeout);
        }
    }
}
