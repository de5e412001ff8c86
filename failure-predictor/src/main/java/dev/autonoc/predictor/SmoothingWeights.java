package dev.autonoc.predictor;

/** The smoothing weights for one spacing of samples, shared by every element. */
final class SmoothingWeights {
    final long dt;
    final double h1;
    final double h6;
    final double h24;
    final double baseline;
    final double loadSlope;
    final double load;
    final double spikeDecay;
    final double longTerm;
    // the share of a day one sample spacing is: the long-term level is a plain mean for a day
    final double dayShare;

    SmoothingWeights(long dtSeconds) {
        dt = dtSeconds;
        h1 = weight(dtSeconds, FeatureExtractor.TAU_1H.toSeconds());
        h6 = weight(dtSeconds, FeatureExtractor.TAU_6H.toSeconds());
        h24 = weight(dtSeconds, FeatureExtractor.TAU_24H.toSeconds());
        baseline = weight(dtSeconds, FeatureExtractor.TAU_BASELINE.toSeconds());
        loadSlope = weight(dtSeconds, FeatureExtractor.TAU_LOAD_SLOPE.toSeconds());
        load = weight(dtSeconds, FeatureExtractor.TAU_LOAD.toSeconds());
        spikeDecay = Math.exp(-(double) dtSeconds / FeatureExtractor.TAU_24H.toSeconds());
        longTerm = weight(dtSeconds, FeatureExtractor.TAU_LONG.toSeconds());
        dayShare = dtSeconds / 86_400.0;
    }

    /**
     * An EWMA's weight for a new sample after {@code dt}; during warm-up the caller takes at least
     * 1/n so that the average is the plain mean of what was seen.
     */
    private static double weight(double dt, double tau) {
        return 1 - Math.exp(-dt / tau);
    }
}
