package dev.autonoc.service.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses, with a 400 naming it and the accepted ones, a query parameter that an endpoint of a
 * {@link KnownParametersOnly} controller does not read. The accepted names are the endpoint's own
 * {@link RequestParam}s, so they cannot drift from what it reads.
 */
@Configuration(proxyBeanMethods = false)
class UnknownParameterCheck implements WebMvcConfigurer, HandlerInterceptor {

    private final Map<Method, List<String>> accepted = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().isAnnotationPresent(KnownParametersOnly.class)) {
            return true;
        }
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return true;
        }
        List<String> names =
                accepted.computeIfAbsent(method.getMethod(), UnknownParameterCheck::names);
        for (String given : queryNames(query)) {
            if (!names.contains(given)) {
                throw ApiProblem.invalid(
                        given,
                        "is not a parameter of "
                                + request.getMethod()
                                + " "
                                + request.getRequestURI()
                                + "; accepted: "
                                + (names.isEmpty() ? "none" : String.join(", ", names)));
            }
        }
        return true;
    }

    /** The names in the query string itself: a form body's fields are not query parameters. */
    private static List<String> queryNames(String query) {
        return Arrays.stream(query.split("&"))
                .filter(pair -> !pair.isEmpty())
                .map(pair -> pair.split("=", 2)[0])
                .map(UnknownParameterCheck::decoded)
                .distinct()
                .toList();
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name; // a malformed escape: refused under the name as sent
        }
    }

    private static List<String> names(Method method) {
        return Arrays.stream(method.getParameters())
                .map(UnknownParameterCheck::requestParamName)
                .filter(Objects::nonNull)
                .toList();
    }

    private static String requestParamName(Parameter p) {
        RequestParam param = p.getAnnotation(RequestParam.class);
        if (param == null) {
            return null;
        }
        if (!param.name().isEmpty()) {
            return param.name();
        }
        return param.value().isEmpty() ? p.getName() : param.value();
    }
}
