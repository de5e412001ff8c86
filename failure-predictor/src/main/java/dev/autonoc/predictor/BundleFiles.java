package dev.autonoc.predictor;

import dev.autonoc.core.prediction.FailureMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tribuo.Model;

/**
 * How a bundle's models are laid out as files: one Tribuo file per model, named after its family
 * and task ({@code core_router-failure.tribuo}, {@code core_router-ttf-fan_wear.tribuo}), in the
 * order the version hashes them; and a model's serialised bytes.
 */
final class BundleFiles {

    private BundleFiles() {}

    static Map<String, Model<?>> models(FamilyModel fm) {
        String prefix = fm.family.name().toLowerCase(Locale.ROOT);
        Map<String, Model<?>> out = new LinkedHashMap<>();
        out.put(prefix + "-failure.tribuo", fm.failure);
        if (fm.mode != null) {
            out.put(prefix + "-mode.tribuo", fm.mode);
        }
        ttfFiles(fm).forEach((mode, file) -> out.put(file, fm.ttf.get(FailureMode.valueOf(mode))));
        return out;
    }

    static Map<String, String> ttfFiles(FamilyModel fm) {
        String prefix = fm.family.name().toLowerCase(Locale.ROOT);
        Map<String, String> out = new LinkedHashMap<>();
        for (FailureMode mode : fm.ttf.keySet()) {
            out.put(
                    mode.name(),
                    prefix + "-ttf-" + mode.name().toLowerCase(Locale.ROOT) + ".tribuo");
        }
        return out;
    }

    static Map<String, Map<String, Object>> intervalsByName(FamilyModel fm) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        fm.ttfIntervals.forEach((mode, v) -> out.put(mode.name(), v.json()));
        return out;
    }

    static byte[] bytes(Model<?> model) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            model.serializeToStream(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
