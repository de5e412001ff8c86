package dev.autonoc.service.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per key: a key may spend {@code burst} requests at once and gets {@code rate}
 * back per second. Keys are user names (and a resource), so the state is bounded by the users that
 * call; {@link #MAX_KEYS} caps it anyway, forgetting the least recently seen.
 */
final class RateLimiter {

    static final int MAX_KEYS = 10_000;

    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets =
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                    return size() > MAX_KEYS;
                }
            };

    /**
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one request from the key's bucket.
     *
     * @param perSecond the sustained rate
     * @param burst the bucket's size
     * @return 0 if allowed, else the seconds until one request is allowed again (at least 1)
     */
    synchronized long take(String key, double perSecond, int burst) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket();
            b.tokens = burst;
            b.refilledAt = now;
            buckets.put(key, b);
        } else {
            double earned = (now - b.refilledAt) / 1e9 * perSecond;
            b.tokens = Math.min(burst, b.tokens + earned);
            b.refilledAt = now;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
    }
}
