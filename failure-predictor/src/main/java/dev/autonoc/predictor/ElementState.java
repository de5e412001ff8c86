package dev.autonoc.predictor;

import java.nio.ByteBuffer;

/**
 * One element's predictor state as bytes, for a handover between instances (connected mode: the
 * instance that gives a partition away writes its elements' state, the one that takes it over reads
 * it): the element's windows, hourly snapshots, load model, what the topology did around it, and
 * its alarm gate. The format is this class's; a state of another format, family or layout is
 * refused.
 */
final class ElementState {

    private static final int FORMAT = 1;

    private ElementState() {}

    /** The bytes of an element with {@code metrics} metrics. */
    static int size(int metrics) {
        return firstAtOffset(metrics) + 6 * 8 + 5 * 8 + 2 + AlarmGate.BYTES + 2 * 8 + 1;
    }

    /** Where {@link #write} puts the first sample's time: after the header, windows, snapshots. */
    private static int firstAtOffset(int metrics) {
        return 4
                + 1
                + 4
                + metrics * ElementFeatures.FIELDS * 8
                + metrics * ElementFeatures.H_FIELDS * 8
                + ElementFeatures.SNAPSHOT_HOURS * metrics * 24;
    }

    /** The element's last score, as the predictor keeps it. */
    record LastScore(double raw, double logit, boolean stale) {}

    /**
     * When the element's history in a state begins (its first sample, epoch seconds); {@link
     * ElementFeatures#NONE} for bytes that are not a state.
     */
    static long firstAt(byte[] bytes) {
        if (bytes.length < 9) {
            return ElementFeatures.NONE;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != FORMAT) {
            return ElementFeatures.NONE;
        }
        in.get();
        int n = in.getInt();
        if (n <= 0 || n > 64 || bytes.length != size(n)) {
            return ElementFeatures.NONE;
        }
        return in.getLong(firstAtOffset(n));
    }

    static byte[] write(ElementFeatures st, AlarmGate gate, LastScore score) {
        int n = st.metricCount;
        ByteBuffer out = ByteBuffer.allocate(size(n));
        out.putInt(FORMAT);
        out.put((byte) st.family.ordinal());
        out.putInt(n);
        for (int k = 0; k < n * ElementFeatures.FIELDS; k++) {
            out.putDouble(st.s[st.so + k]);
        }
        for (int k = 0; k < n * ElementFeatures.H_FIELDS; k++) {
            out.putLong(st.h[st.ho + k]);
        }
        for (int row = 0; row < ElementFeatures.SNAPSHOT_HOURS; row++) {
            int at = row * st.snapRow + st.sno;
            for (int i = 0; i < n; i++) {
                out.putLong(st.snapHour[at + i]);
                out.putDouble(st.snap1[at + i]);
                out.putDouble(st.snap6[at + i]);
            }
        }
        out.putLong(st.firstAt);
        out.putLong(st.lastAt);
        out.putLong(st.lastDt);
        out.putLong(st.loadSamples);
        out.putLong(st.loadModelSamples);
        out.putLong(st.nearOutAt);
        out.putDouble(st.load);
        out.putDouble(st.loadMean);
        out.putDouble(st.loadVariance);
        out.putDouble(st.loadReference);
        out.putDouble(st.neighbourOut);
        out.put((byte) (st.down ? 1 : 0));
        out.put((byte) (st.drainedNow ? 1 : 0));
        gate.writeTo(out);
        out.putDouble(score.raw());
        out.putDouble(score.logit());
        out.put((byte) (score.stale() ? 1 : 0));
        return out.array();
    }

    /**
     * Reads a state {@link #write} wrote into {@code st} and {@code gate}, and returns its last
     * score; null, and nothing changed, when it is not one for this element's family and layout.
     */
    static LastScore read(byte[] bytes, ElementFeatures st, AlarmGate gate) {
        int n = st.metricCount;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length != size(n)
                || in.getInt() != FORMAT
                || in.get() != (byte) st.family.ordinal()
                || in.getInt() != n) {
            return null;
        }
        for (int k = 0; k < n * ElementFeatures.FIELDS; k++) {
            st.s[st.so + k] = in.getDouble();
        }
        for (int k = 0; k < n * ElementFeatures.H_FIELDS; k++) {
            st.h[st.ho + k] = in.getLong();
        }
        for (int row = 0; row < ElementFeatures.SNAPSHOT_HOURS; row++) {
            int at = row * st.snapRow + st.sno;
            for (int i = 0; i < n; i++) {
                st.snapHour[at + i] = in.getLong();
                st.snap1[at + i] = in.getDouble();
                st.snap6[at + i] = in.getDouble();
            }
        }
        st.firstAt = in.getLong();
        st.lastAt = in.getLong();
        st.lastDt = in.getLong();
        st.loadSamples = in.getLong();
        st.loadModelSamples = in.getLong();
        st.nearOutAt = in.getLong();
        st.load = in.getDouble();
        st.loadMean = in.getDouble();
        st.loadVariance = in.getDouble();
        st.loadReference = in.getDouble();
        st.neighbourOut = in.getDouble();
        st.down = in.get() == 1;
        st.drainedNow = in.get() == 1;
        gate.readFrom(in);
        return new LastScore(in.getDouble(), in.getDouble(), in.get() == 1);
    }
}
