package dev.autonoc.service.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code autonoc.security.basic-auth.enabled}: HTTP Basic on {@code /api} and {@code /mcp}, off by
 * default. An opt-in of the embedded demo (curl with {@code -u operator:operator}); refused
 * elsewhere ({@link DemoCredentials}). Even when on, the service never asks for it (no {@code
 * WWW-Authenticate: Basic}), so no browser caches a password, and a request with credentials never
 * rides on a session.
 */
@ConfigurationProperties("autonoc.security.basic-auth")
record BasicAuthProperties(boolean enabled) {}
