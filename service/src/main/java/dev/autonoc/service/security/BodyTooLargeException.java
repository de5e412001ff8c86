package dev.autonoc.service.security;

import java.io.IOException;

/** A request body read past the limit; answered 413 (the API) or a JSON-RPC error (MCP). */
public final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException(String message) {
        super(message);
    }

    /** Whether {@code e} or one of its causes is a body read past its limit. */
    public static boolean causes(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
