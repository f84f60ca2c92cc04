package io.auditcover.cli;

import java.io.PrintStream;

/** A plain-terminal progress bar: one line redrawn with a carriage return, only when the whole percent changes. */
final class ProgressBar {
    static final int WIDTH = 40;
    private final PrintStream out;
    private final String label;
    private int shownPercent = -1;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    void update(double fraction) {
        int percent = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 100);
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        out.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + "%");
        out.flush();
    }

    void done() {
        update(1);
        out.println();
    }
}
