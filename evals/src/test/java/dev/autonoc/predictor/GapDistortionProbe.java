package dev.autonoc.predictor;

import dev.autonoc.core.network.Element;
import dev.autonoc.core.network.ElementId;
import dev.autonoc.core.telemetry.Alarm;
import dev.autonoc.core.telemetry.TelemetrySample;
import dev.autonoc.simulators.OperatorTwin;
import dev.autonoc.simulators.Preset;
import dev.autonoc.simulators.TwinListener;
import dev.autonoc.simulators.TwinSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a telemetry gap does to the features the default model reads, feature by feature
 * (docs/data-quality.md, "Settling"): one quiet twin run is fed to two feature extractors, one with
 * every sample, the other without a region's samples for the gap; after the gap's end, each hour,
 * it prints per feature the largest difference between the two of that feature's term in the
 * failure model's log-odds over the region's elements, and the largest raw score of the gapped
 * extractor's elements against the clean one's. In evals' test sources, in the predictor's package:
 * it needs the twin and the family models' per-feature terms. Run by its main:
 *
 * <pre>
 * java -cp evals/target/test-classes:evals/target/classes:$(cat /tmp/cp.txt) \
 *   dev.autonoc.predictor.GapDistortionProbe [seed [gap hours [gap start hour [hours after]]]]
 * </pre>
 */
public final class GapDistortionProbe {

    private GapDistortionProbe() {}

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 2_000_103L;
        long gapHours = args.length > 1 ? Long.parseLong(args[1]) : 8;
        long startHour = args.length > 2 ? Long.parseLong(args[2]) : 50;
        long after = args.length > 3 ? Long.parseLong(args[3]) : 36;
        ModelBundle bundle = ModelBundle.loadDefault();
        OperatorTwin twin = OperatorTwin.create(TwinSpec.quiet(Preset.REGIONAL, seed));
        List<Element> elements = twin.elements();
        String region = elements.get(elements.size() / 2).region();
        List<ElementId> inRegion =
                elements.stream().filter(e -> e.region().equals(region)).map(Element::id).toList();
        Instant from = OperatorTwin.EPOCH.plus(Duration.ofHours(startHour));
        Instant to = from.plus(Duration.ofHours(gapHours));
        FeatureExtractor clean = new FeatureExtractor(elements);
        FeatureExtractor gapped = new FeatureExtractor(elements);
        System.out.printf(
                Locale.ROOT,
                "seed %d, region %s (%d elements), gap %s to %s%n",
                seed,
                region,
                inRegion.size(),
                from,
                to);
        Instant[] current = {null};
        Instant[] nextReport = {to};
        twin.advanceTo(
                to.plus(Duration.ofHours(after)),
                new TwinListener() {
                    @Override
                    public void onTelemetry(TelemetrySample s) {
                        if (current[0] != null && !s.at().equals(current[0])) {
                            clean.tick(current[0]);
                            gapped.tick(current[0]);
                            if (!current[0].isBefore(nextReport[0])) {
                                report(bundle, clean, gapped, inRegion, current[0], to);
                                nextReport[0] = nextReport[0].plus(Duration.ofHours(1));
                            }
                        }
                        current[0] = s.at();
                        clean.observe(s);
                        boolean silent =
                                !s.at().isBefore(from)
                                        && s.at().isBefore(to)
                                        && inRegion.contains(s.element());
                        if (!silent) {
                            gapped.observe(s);
                        }
                    }

                    @Override
                    public void onAlarm(Alarm alarm) {
                        clean.observe(alarm);
                        gapped.observe(alarm);
                    }
                });
    }

    private static void report(
            ModelBundle bundle,
            FeatureExtractor clean,
            FeatureExtractor gapped,
            List<ElementId> region,
            Instant now,
            Instant gapEnd) {
        StringBuilder line = new StringBuilder();
        double worstClean = 0;
        double worstGapped = 0;
        double[] diff = null;
        List<String> names = null;
        for (ElementId id : region) {
            if (!clean.isScorable(id) || !gapped.isScorable(id)) {
                continue;
            }
            Family family = clean.family(id);
            if (family != Family.NODE) {
                continue;
            }
            Scorer scorer = bundle.scorer(family).orElseThrow();
            Scorer.Score a = scorer.score(clean.features(id));
            Scorer.Score b = scorer.score(gapped.features(id));
            worstClean = Math.max(worstClean, a.rawScore());
            worstGapped = Math.max(worstGapped, b.rawScore());
            if (diff == null) {
                names = FeatureExtractor.featureNames(family);
                diff = new double[names.size()];
            }
            for (int i = 0; i < diff.length; i++) {
                double d = b.contributions()[i] - a.contributions()[i];
                if (Math.abs(d) > Math.abs(diff[i])) {
                    diff[i] = d;
                }
            }
        }
        line.append(
                String.format(
                        Locale.ROOT,
                        "+%2dh  max raw score clean %.3f gapped %.3f |",
                        Duration.between(gapEnd, now).toHours(),
                        worstClean,
                        worstGapped));
        if (diff != null) {
            for (int i = 0; i < diff.length; i++) {
                if (Math.abs(diff[i]) >= 0.25) {
                    line.append(String.format(Locale.ROOT, " %s %+.2f", names.get(i), diff[i]));
                }
            }
        }
        System.out.println(line);
    }
}
