package dev.autonoc.service.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up why demo credentials were refused, and what to do, without a stack trace. */
public final class DemoCredentialsFailureAnalyzer
        extends AbstractFailureAnalyzer<DemoCredentials.Refused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DemoCredentials.Refused cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
