package dev.autonoc.simulators;

import java.time.Instant;

/**
 * Which elements are out of service and why: failed, under work on site, restarting (and until
 * when), drained. {@link World} alone changes them, as its events run; the adapters and the outage
 * preview read them through the {@code is…} methods.
 */
final class ElementStates {

    private final boolean[] failed;
    private final boolean[] underWork;
    private final boolean[] restarting;
    private final boolean[] drained;

    /** When each restarting element is back (meaningful while it is restarting). */
    private final Instant[] restartEnds;

    /** A restarting element whose failure was mended meanwhile: ELEMENT_UP when it is back. */
    private final boolean[] upWhenRestarted;

    ElementStates(int size) {
        failed = new boolean[size];
        underWork = new boolean[size];
        restarting = new boolean[size];
        drained = new boolean[size];
        restartEnds = new Instant[size];
        upWhenRestarted = new boolean[size];
    }

    int size() {
        return failed.length;
    }

    boolean isFailed(int e) {
        return failed[e];
    }

    boolean isUnderWork(int e) {
        return underWork[e];
    }

    boolean isRestarting(int e) {
        return restarting[e];
    }

    boolean isDrained(int e) {
        return drained[e];
    }

    /** When a restarting element is back. */
    Instant restartEnd(int e) {
        return restartEnds[e];
    }

    /** In service: neither failed, under work, restarting nor drained. */
    boolean usable(int e) {
        return !(failed[e] || underWork[e] || restarting[e] || drained[e]);
    }

    /** Whether it sends telemetry: a drained element still does, one down or switched off not. */
    boolean reporting(int e) {
        return !(failed[e] || restarting[e] || underWork[e]);
    }

    boolean anyOut() {
        for (int i = 0; i < failed.length; i++) {
            if (!usable(i)) {
                return true;
            }
        }
        return false;
    }

    /** Why an element out of service is out, as one of {@link World#CAUSES}. */
    int causeOf(int e) {
        if (failed[e]) {
            return World.FAILURE;
        }
        if (restarting[e]) {
            return World.RESTART;
        }
        return World.PLANNED_WORK;
    }

    /**
     * What a site cut off from the core is cut off by: any failure first, then work, then a
     * restart.
     */
    int isolationCause() {
        boolean work = false;
        boolean restart = false;
        for (int i = 0; i < failed.length; i++) {
            if (failed[i]) {
                return World.FAILURE;
            }
            work |= underWork[i] || drained[i];
            restart |= restarting[i];
        }
        return work || !restart ? World.PLANNED_WORK : World.RESTART;
    }

    // ---------------------------------------------------------------- changes (World's alone)

    void setFailed(int e, boolean value) {
        failed[e] = value;
    }

    void setUnderWork(int e, boolean value) {
        underWork[e] = value;
    }

    void startRestart(int e, Instant end) {
        restarting[e] = true;
        restartEnds[e] = end;
    }

    /** Ends a restart; whether the element came back up during it (an ELEMENT_UP is owed). */
    boolean endRestart(int e) {
        restarting[e] = false;
        boolean up = upWhenRestarted[e];
        upWhenRestarted[e] = false;
        return up;
    }

    void upWhenRestarted(int e) {
        upWhenRestarted[e] = true;
    }

    void setDrained(int e, boolean value) {
        drained[e] = value;
    }
}
