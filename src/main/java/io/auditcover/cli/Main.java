package io.auditcover.cli;

/** Entry point; the commands are wired in the command classes of this package. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("auditcover");
    }
}
