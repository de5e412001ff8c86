package dev.autonoc.simulators;

import dev.autonoc.tools.oss.OutagePreview;
import java.time.Duration;
import java.util.Locale;

/**
 * Measures one {@code preview_outage} (the what-if behind every dispatch's and restart's estimate):
 * a benchmark, not a test (surefire skips it). A quiet twin of the preset with its first core
 * router drained, then the preview of each core router and core-to-core link in turn at the evening
 * peak, for an hour. Run: {@code java -cp <test classpath>
 * dev.autonoc.simulators.OutagePreviewBenchmark [preset] [rounds]}.
 */
public final class OutagePreviewBenchmark {

    private OutagePreviewBenchmark() {}

    public static void main(String[] args) {
        Preset preset = args.length > 0 ? Preset.fromKey(args[0]).orElseThrow() : Preset.REGIONAL;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        OperatorTwin twin = OperatorTwin.create(TwinSpec.quiet(preset, 1));
        Topology t = twin.world().topology;
        var activation = twin.ossBss().serviceActivation();
        activation.reroute(t.element(t.cores[0]).id().value(), "drain");
        java.util.List<String> targets = new java.util.ArrayList<>();
        for (int c : t.cores) {
            targets.add(t.element(c).id().value());
        }
        for (int l : t.links) {
            if (t.isCore(t.linkA[l]) && t.isCore(t.linkB[l])) {
                targets.add(t.element(l).id().value());
            }
        }
        java.time.Instant peak = OperatorTwin.EPOCH.plus(Duration.ofHours(19));
        double sink = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            for (String id : targets) {
                OutagePreview p = activation.previewOutage(id, peak, Duration.ofHours(1));
                sink += p.customerMinutes();
            }
            long t1 = System.nanoTime();
            System.out.printf(
                    Locale.ROOT,
                    "%s (%d elements): %d previews, %.2f ms each%n",
                    preset.key(),
                    t.size(),
                    targets.size(),
                    (t1 - t0) / 1e6 / targets.size());
        }
        System.out.printf(Locale.ROOT, "(checksum %.1f)%n", sink);
    }
}
