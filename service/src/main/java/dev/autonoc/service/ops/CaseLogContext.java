package dev.autonoc.service.ops;

import dev.autonoc.core.audit.AuditEvent;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The case id (and element) as correlation fields of the logs: in the MDC while an event of a case
 * is logged, and for the length of an API request about a case ({@code /api/cases/{id}/...}).
 * Structured JSON logs ({@code logging.structured.format.console=ecs}) carry MDC entries as fields.
 */
final class CaseLogContext implements HandlerInterceptor {

    static final String CASE_ID = "case_id";
    static final String ELEMENT = "element";

    /** Removes what it put in the MDC when closed. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    static Scope of(AuditEvent event) {
        if (AuditEvent.NO_CASE.equals(event.correlationId())) {
            return () -> {};
        }
        String before = MDC.get(CASE_ID);
        MDC.put(CASE_ID, event.correlationId());
        boolean element = !event.element().isEmpty();
        if (element) {
            MDC.put(ELEMENT, event.element());
        }
        return () -> {
            if (before == null) {
                MDC.remove(CASE_ID);
            } else {
                MDC.put(CASE_ID, before);
            }
            if (element) {
                MDC.remove(ELEMENT);
            }
        };
    }

    @Override
    public boolean preHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                        instanceof Map<?, ?> vars
                && request.getRequestURI().startsWith(request.getContextPath() + "/api/cases/")
                && vars.get("id") instanceof String id) {
            MDC.put(CASE_ID, id);
        }
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request,
            HttpServletResponse response,
            Object handler,
            Exception ex) {
        MDC.remove(CASE_ID);
    }
}
