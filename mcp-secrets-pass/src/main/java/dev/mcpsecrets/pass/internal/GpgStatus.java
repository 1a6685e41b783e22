package dev.mcpsecrets.pass.internal;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a {@code gpg --status-fd 2 --decrypt} run came to, judged from its machine-readable
 * {@code [GNUPG:]} status lines (stable across versions and locales) and its exit code, never from its
 * messages. Its other stderr lines (paths, user ids, sometimes fragments of input) are never kept.
 */
final class GpgStatus {
    /** The outcome of a decryption. */
    enum Outcome {
        /** Decrypted. */
        OK,
        /** The key needs a passphrase that is not cached and no pinentry may ask (or it was wrong). */
        LOCKED,
        /** Encrypted only for keys whose secret part is not on this machine. */
        NO_SECRET_KEY,
        /** Not OpenPGP data at all. */
        NOT_OPENPGP,
        /** gpg succeeded but nothing was decrypted: the file is not an encrypted entry. */
        NOT_ENCRYPTED,
        /** Anything else (agent unreachable, damaged data, bad options). */
        FAILED
    }

    /** libgpg-error codes that mean "the passphrase could not be had": bad passphrase, timeout, no pinentry, canceled, fully canceled. */
    private static final Set<Integer> PASSPHRASE_ERRORS = Set.of(11, 62, 85, 99, 198);
    private static final String PREFIX = "[GNUPG:] ";

    private final Outcome outcome;
    private final String summary;

    private GpgStatus(Outcome outcome, String summary) {
        this.outcome = outcome;
        this.summary = summary;
    }

    /**
     * Reads a finished run.
     *
     * @param exitCode gpg's exit code
     * @param stderr gpg's standard error, status lines included
     * @return the outcome
     */
    static GpgStatus of(int exitCode, String stderr) {
        Set<String> keywords = new LinkedHashSet<>();
        boolean passphraseError = false;
        StringBuilder errors = new StringBuilder();
        for (String line : stderr.split("\n")) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String[] words = line.substring(PREFIX.length()).strip().split(" ");
            String keyword = words[0];
            if (!keyword.matches("[A-Z_]{1,40}")) {
                continue;
            }
            keywords.add(keyword);
            if ((keyword.equals("ERROR") || keyword.equals("FAILURE")) && words.length >= 3) {
                int code = errorCode(words[2]);
                if (code >= 0) {
                    passphraseError |= keyword.equals("ERROR") && PASSPHRASE_ERRORS.contains(code & 0xFFFF);
                    if (words[1].matches("[a-z_.-]{1,40}")) {
                        errors.append(errors.length() == 0 ? "" : ", ").append(words[1]).append(' ').append(code & 0xFFFF);
                    }
                }
            }
        }
        String summary = "exit " + exitCode + (errors.length() > 0 ? ", gpg error " + errors : "");
        Outcome outcome;
        if (exitCode == 0) {
            outcome = keywords.contains("DECRYPTION_OKAY") ? Outcome.OK : Outcome.NOT_ENCRYPTED;
        } else if (passphraseError || keywords.contains("PINENTRY_LAUNCHED")
                || (keywords.contains("NEED_PASSPHRASE") && !keywords.contains("DECRYPTION_OKAY"))) {
            outcome = Outcome.LOCKED;
        } else if (keywords.contains("NO_SECKEY") && !keywords.contains("DECRYPTION_KEY")) {
            outcome = Outcome.NO_SECRET_KEY;
        } else if (keywords.contains("NODATA") && !keywords.contains("ENC_TO")) {
            outcome = Outcome.NOT_OPENPGP;
        } else {
            outcome = Outcome.FAILED;
        }
        return new GpgStatus(outcome, summary);
    }

    Outcome outcome() {
        return outcome;
    }

    /** The exit code and gpg's error codes: safe to show, since it holds no text from the run. */
    String summary() {
        return summary;
    }

    private static int errorCode(String word) {
        if (!word.matches("[0-9]{1,10}")) {
            return -1;
        }
        long v = Long.parseLong(word);
        return v > Integer.MAX_VALUE ? (int) (v & 0xFFFF) : (int) v;
    }
}
