package dev.autonoc.evals.training;

/**
 * How often the predictor would not judge, counted on the hourly scoring rows of live runs: every
 * element at every row is an element-hour, and one the predictor abstains on ({@code
 * FailurePredictor.abstentions}: not alarmed, and its data not fresh) is an abstained one.
 *
 * @param elementHours every element at every hourly row
 * @param abstained the element-hours the predictor abstained on
 */
public record Abstentions(long elementHours, long abstained) {

    public static final Abstentions NONE = new Abstentions(0, 0);

    public Abstentions {
        if (elementHours < 0 || abstained < 0 || abstained > elementHours) {
            throw new IllegalArgumentException(
                    "abstentions must be 0 to the element-hours; got "
                            + abstained
                            + " of "
                            + elementHours);
        }
    }

    /** The two counts added. */
    public Abstentions plus(Abstentions other) {
        return new Abstentions(elementHours + other.elementHours, abstained + other.abstained);
    }

    /** The abstained share of the element-hours, 0 to 1; NaN with none counted. */
    public double share() {
        return elementHours == 0 ? Double.NaN : (double) abstained / elementHours;
    }
}
