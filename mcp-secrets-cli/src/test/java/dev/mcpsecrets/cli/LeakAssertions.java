package dev.mcpsecrets.cli;

import java.util.Map;

/** The two verdicts of the leak hunt: no form of a planted value in any channel, and no raw terminal control. */
final class LeakAssertions {
    private LeakAssertions() {
    }

    /** Fails when any form of the planted value appears in any channel of the outcome. */
    static void assertNoLeak(Planted planted, LeakSandbox.Outcome outcome, String position) {
        for (Map.Entry<String, String> channel : outcome.channels().entrySet()) {
            for (String form : planted.forms()) {
                int at = channel.getValue().indexOf(form);
                if (at >= 0) {
                    throw new AssertionError("LEAK of the value planted in " + position + ": " + show(form) + " in "
                            + channel.getKey() + " of " + command(outcome, planted) + " (exit " + outcome.exitCode()
                            + "):\n  ..." + show(excerpt(channel.getValue(), at, form.length())) + "...");
                }
            }
        }
    }

    /**
     * Fails when any channel holds a raw C0 control other than line feed and tab, DEL, or a C1 control: an
     * ESC, BEL or CSI that reaches a terminal acts (clears the screen, sets the title, hides text), and a
     * raw CR overwrites the line it is on.
     */
    static void assertNoRawControl(LeakSandbox.Outcome outcome, String what) {
        for (Map.Entry<String, String> channel : outcome.channels().entrySet()) {
            String text = channel.getValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (isRawControl(c)) {
                    throw new AssertionError("RAW CONTROL " + show(String.valueOf(c)) + " from " + what + " in "
                            + channel.getKey() + " of " + outcome.args().stream().map(LeakAssertions::show).toList()
                            + " (exit " + outcome.exitCode() + "):\n  ..." + show(excerpt(text, i, 1)) + "...");
                }
            }
        }
    }

    static boolean isRawControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
    }

    private static String command(LeakSandbox.Outcome outcome, Planted planted) {
        return "mcp-secrets " + String.join(" ", outcome.args().stream()
                .map(a -> show(a.replace(planted.text(), "<PLANTED>"))).toList());
    }

    private static String excerpt(String text, int at, int length) {
        return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + length + 60));
    }

    /** Java-escapes everything but printable ASCII, so a report shows the exact characters. */
    static String show(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
