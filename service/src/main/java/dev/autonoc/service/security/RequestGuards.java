package dev.autonoc.service.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every request passes before anyone reads who sent it: a body no larger than the limits
 * (413), and, for a request that changes something, no other site behind it (403). Browsers name
 * the page a request comes from ({@code Origin}, {@code Sec-Fetch-Site}); a page of another site
 * may not post here, whatever credentials the browser would add (a session cookie, a cached
 * password). Programs send neither header and pass.
 */
final class RequestGuards extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final JsonMapper json;
    private final LimitProperties limits;
    private final List<String> allowedOrigins;

    RequestGuards(JsonMapper json, LimitProperties limits, List<String> allowedOrigins) {
        this.json = json;
        this.limits = limits;
        this.allowedOrigins =
                allowedOrigins.stream()
                        .map(o -> o.replaceAll("/+$", "").toLowerCase(Locale.ROOT))
                        .toList();
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            String refused = crossSite(request);
            if (refused != null) {
                ProblemResponses.write(json, request, response, HttpStatus.FORBIDDEN, refused);
                return;
            }
        }
        long limit = limitOf(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            ProblemResponses.write(
                    json, request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge(limit));
            return;
        }
        chain.doFilter(new Bounded(request, limit), response);
    }

    /** Why a browser request from another site is refused, or null. */
    private String crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !(fetchSite.equals("same-origin") || fetchSite.equals("none"))) {
            return "cross-origin request refused: the browser says it comes from another site"
                    + " (Sec-Fetch-Site: "
                    + fetchSite
                    + "); only this service's own pages may change anything here";
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return null;
        }
        String own = ownOrigin(request);
        String given = origin.replaceAll("/+$", "").toLowerCase(Locale.ROOT);
        if (given.equals(own) || allowedOrigins.contains(given)) {
            return null;
        }
        return "cross-origin request refused: Origin '"
                + (origin.length() > 100 ? origin.substring(0, 100) + "..." : origin)
                + "' is not this service ("
                + own
                + ")"
                + (allowedOrigins.isEmpty() ? "" : " nor one of autonoc.security.allowed-origins")
                + "; a page of another site may not change anything here";
    }

    static String ownOrigin(HttpServletRequest request) {
        return UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
                .replacePath(null)
                .replaceQuery(null)
                .build()
                .toUriString()
                .toLowerCase(Locale.ROOT);
    }

    private long limitOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/policy")
                ? limits.maxPolicyBody().toBytes()
                : limits.maxBody().toBytes();
    }

    static String tooLarge(long limit) {
        return "the request body is larger than "
                + (limit / 1024)
                + " KB, the most accepted here (autonoc.security.limits.max-body, max-policy-body)";
    }

    /** A body that ends with {@link BodyTooLargeException} past its limit, however it is sent. */
    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream =
                        new ServletInputStream() {
                            private long read;

                            @Override
                            public int read() throws IOException {
                                int b = in.read();
                                if (b >= 0) {
                                    count(1);
                                }
                                return b;
                            }

                            @Override
                            public int read(byte[] buf, int off, int len) throws IOException {
                                int n = in.read(buf, off, len);
                                if (n > 0) {
                                    count(n);
                                }
                                return n;
                            }

                            private void count(int n) throws IOException {
                                read += n;
                                if (read > limit) {
                                    throw new BodyTooLargeException(tooLarge(limit));
                                }
                            }

                            @Override
                            public boolean isFinished() {
                                return in.isFinished();
                            }

                            @Override
                            public boolean isReady() {
                                return in.isReady();
                            }

                            @Override
                            public void setReadListener(ReadListener listener) {
                                in.setReadListener(listener);
                            }
                        };
            }
            return stream;
        }
    }
}
