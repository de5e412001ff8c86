package dev.autonoc.predictor.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The clocks of the streams the samples come in, one per stream: its elements' newest stamps seen
 * (taken in or held out) as a multiset, and their lower median ({@link NetworkClock}). Embedded,
 * there is one stream, the network's; in connected mode each Kafka partition is one, since a
 * consumer reads its partitions apart and one clock for all would take the partition behind for
 * silent and the partition ahead for skewed (docs/connected-mode.md, "Event time"). Elements are
 * numbered as the tracker numbers them; each is in stream 0 until told otherwise.
 *
 * <p>Each stream also keeps the newest stamp not held out as skewed (its clock plus two intervals),
 * for the clock and the interval it was worked out from: they change once a tick at most, samples
 * come thousands a tick.
 *
 * <p>Not thread-safe: one writer, like the tracker it serves.
 */
final class StreamClocks {

    private static final class Stream {
        final NetworkClock clock = new NetworkClock();
        Instant skewLimit;
        Instant skewLimitClock;
        Duration skewLimitInterval;
    }

    private Stream[] streams = {new Stream()};
    private int[] streamOf = new int[16];

    /** Room for elements numbered below {@code capacity}. */
    void grow(int capacity) {
        streamOf = Arrays.copyOf(streamOf, capacity);
    }

    /**
     * Element {@code n}'s newest stamp moves from {@code was} (null: it had none) to {@code at}.
     */
    void see(int n, Instant was, Instant at) {
        NetworkClock own = streams[streamOf[n]].clock;
        if (was == null) {
            own.add(at);
        } else {
            own.move(was, at);
        }
    }

    /** Element {@code n}, whose newest stamp is {@code at}, is no longer watched. */
    void drop(int n, Instant at) {
        streams[streamOf[n]].clock.drop(at);
    }

    /**
     * Element {@code n} is in {@code stream} from now on; its newest stamp {@code seen} (null: none
     * yet) moves to that stream's clock.
     */
    void place(int n, int stream, Instant seen) {
        int was = streamOf[n];
        if (was == stream) {
            return;
        }
        if (stream >= streams.length) {
            int before = streams.length;
            streams = Arrays.copyOf(streams, stream + 1);
            for (int i = before; i < streams.length; i++) {
                streams[i] = new Stream();
            }
        }
        if (seen != null) {
            streams[was].clock.drop(seen);
            streams[stream].clock.add(seen);
        }
        streamOf[n] = stream;
    }

    /** Element {@code n}'s stream's clock; null while the stream has no stamp. */
    Instant now(int n) {
        return streams[streamOf[n]].clock.now();
    }

    /**
     * Whether {@code at}, a stamp of element {@code n}, is ahead of its stream: after its clock
     * plus two {@code interval}s. Asked first of the clock as counted, which the moves not yet
     * counted can only move forward: a stamp not after that limit is not after the clock's, and
     * nearly every sample is answered there, without counting the tick's moves sample by sample.
     */
    boolean ahead(int n, Instant at, Duration interval) {
        Stream stream = streams[streamOf[n]];
        return at.isAfter(skewLimit(stream, stream.clock.counted(), interval))
                && at.isAfter(skewLimit(stream, stream.clock.now(), interval));
    }

    /**
     * The newest stamp of element {@code n}'s stream not ahead of it, as {@link #ahead} last saw.
     */
    Instant skewLimit(int n) {
        return streams[streamOf[n]].skewLimit;
    }

    /**
     * The newest stamp that is not ahead of a stream whose clock is {@code now}: it plus two
     * intervals. Worked out again only when the clock or the interval moved (plus twice rather than
     * multipliedBy(2), which goes through BigDecimal).
     */
    private static Instant skewLimit(Stream stream, Instant now, Duration interval) {
        if (now != stream.skewLimitClock || interval != stream.skewLimitInterval) {
            stream.skewLimitClock = now;
            stream.skewLimitInterval = interval;
            stream.skewLimit = now.plus(interval).plus(interval);
        }
        return stream.skewLimit;
    }

    /** The latest of the streams' clocks; null before any stamp. */
    Instant latest() {
        Instant latest = null;
        for (Stream stream : streams) {
            Instant t = stream.clock.now();
            if (t != null && (latest == null || t.isAfter(latest))) {
                latest = t;
            }
        }
        return latest;
    }

    int count() {
        return streams.length;
    }

    int streamOf(int n) {
        return streamOf[n];
    }

    /** Each stream's clock in epoch seconds, at most {@code cap}; {@code cap} with no stamp yet. */
    long[] clocks(long cap) {
        long[] out = new long[streams.length];
        for (int i = 0; i < out.length; i++) {
            Instant t = streams[i].clock.now();
            out[i] = t == null ? cap : Math.min(cap, t.getEpochSecond());
        }
        return out;
    }
}
