package dev.autonoc.predictor;

import java.util.Iterator;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Output;
import org.tribuo.VariableInfo;
import org.tribuo.impl.ArrayExample;

/**
 * A Tribuo example whose feature names come already in the order Tribuo's {@link ArrayExample}
 * sorts them into, with the values laid out to match: the constructor's sort is skipped, and the
 * example is, field for field, the one {@code new ArrayExample<>(output, names, values)} builds
 * from the same features in any order. An alarmed element's prediction builds two examples every
 * tick it stays alarmed (the mode model's and the time-to-failure tree's); sorting their 46 names
 * (a tuple per name, a comparator sort of strings with long shared prefixes) was a tenth of the
 * served scoring's cost.
 *
 * <p>{@link Order} finds the order once per model, by asking Tribuo's own sort: it builds one
 * {@code ArrayExample} whose values are the features' places and reads them back in its order.
 */
final class PresortedExample<T extends Output<T>> extends ArrayExample<T> {

    private static final long serialVersionUID = 1L;

    private PresortedExample(T output, String[] sortedNames, double[] sortedValues) {
        super(output, sortedNames, sortedValues);
    }

    /** Already in order: nothing to sort (the names and values are Tribuo's sorted ones). */
    @Override
    protected void sort() {}

    /** A model's feature names in Tribuo's order, and where each of them sits in the model's. */
    static final class Order {
        private final String[] sortedNames;
        private final int[] from;

        private Order(String[] sortedNames, int[] from) {
            this.sortedNames = sortedNames;
            this.from = from;
        }

        Order(String[] names) {
            double[] places = new double[names.length];
            for (int i = 0; i < places.length; i++) {
                places[i] = i;
            }
            ArrayExample<?> sorted =
                    new ArrayExample<>(
                            org.tribuo.classification.LabelFactory.UNKNOWN_LABEL, names, places);
            sortedNames = new String[names.length];
            from = new int[names.length];
            Iterator<Feature> it = sorted.iterator();
            for (int j = 0; j < names.length; j++) {
                Feature f = it.next();
                sortedNames[j] = f.getName();
                from[j] = (int) f.getValue();
            }
        }

        /**
         * The same order with each name that {@code model} knows as the very string its feature map
         * holds: the model looks each feature of an example up by name in that map, and an equal
         * string of its own is found by comparing the two strings' characters (names of about
         * thirty characters sharing their metric's prefix), the map's own by reference.
         */
        Order canonicalFor(ImmutableFeatureMap model) {
            String[] names = sortedNames.clone();
            for (int j = 0; j < names.length; j++) {
                VariableInfo known = model.get(names[j]);
                if (known != null) {
                    names[j] = known.getName();
                }
            }
            return new Order(names, from);
        }

        /** The example Tribuo would build of {@code values}, laid out as the model's names. */
        <T extends Output<T>> ArrayExample<T> example(T output, double[] values) {
            if (values.length != from.length) {
                throw new IllegalArgumentException(
                        values.length + " values for " + from.length + " features");
            }
            double[] sortedValues = new double[from.length];
            for (int j = 0; j < from.length; j++) {
                sortedValues[j] = values[from[j]];
            }
            return new PresortedExample<>(output, sortedNames, sortedValues);
        }
    }
}
