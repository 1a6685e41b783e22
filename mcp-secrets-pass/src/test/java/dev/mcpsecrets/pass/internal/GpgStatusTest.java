package dev.mcpsecrets.pass.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.pass.internal.GpgStatus.Outcome;
import org.junit.jupiter.api.Test;

/** Status lines as gpg 2.2 writes them for each case (recorded from real runs). */
class GpgStatusTest {
    @Test
    void decryptedIsOk() {
        assertThat(GpgStatus.of(0, "[GNUPG:] ENC_TO 69795F3EC19891E7 18 0\n[GNUPG:] DECRYPTION_KEY A B u\n"
                + "[GNUPG:] BEGIN_DECRYPTION\n[GNUPG:] DECRYPTION_OKAY\n[GNUPG:] GOODMDC\n[GNUPG:] END_DECRYPTION\n")
                .outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void noPinentryIsLocked() {
        GpgStatus s = GpgStatus.of(2, "[GNUPG:] ENC_TO 73F504CC0B0CD969 18 0\n"
                + "gpg: encrypted with 255-bit ECDH key, ID 73F504CC0B0CD969\n      \"Locked <l@example.invalid>\"\n"
                + "gpg: public key decryption failed: No pinentry\n[GNUPG:] ERROR pkdecrypt_failed 67108949\n"
                + "[GNUPG:] BEGIN_DECRYPTION\n[GNUPG:] DECRYPTION_FAILED\ngpg: decryption failed: No secret key\n");
        assertThat(s.outcome()).isEqualTo(Outcome.LOCKED);
        assertThat(s.summary()).isEqualTo("exit 2, gpg error pkdecrypt_failed 85").doesNotContain("example");
    }

    @Test
    void loopbackWithoutPassphraseAndWrongPassphraseAreLocked() {
        assertThat(GpgStatus.of(2, "[GNUPG:] ENC_TO 7 18 0\n[GNUPG:] USERID_HINT 7 Locked <l@x>\n"
                + "[GNUPG:] NEED_PASSPHRASE 7 1 18 0\n[GNUPG:] INQUIRE_MAXLEN 100\n").outcome()).isEqualTo(Outcome.LOCKED);
        assertThat(GpgStatus.of(2, "[GNUPG:] ERROR pkdecrypt_failed 67108875\n[GNUPG:] DECRYPTION_FAILED\n").outcome())
                .isEqualTo(Outcome.LOCKED);
    }

    @Test
    void foreignKeyIsNoSecretKey() {
        assertThat(GpgStatus.of(2, "[GNUPG:] ENC_TO ECC7167E89E48A70 18 0\n[GNUPG:] NO_SECKEY ECC7167E89E48A70\n"
                + "[GNUPG:] BEGIN_DECRYPTION\n[GNUPG:] DECRYPTION_FAILED\n").outcome()).isEqualTo(Outcome.NO_SECRET_KEY);
    }

    @Test
    void garbageIsNotOpenPgp() {
        assertThat(GpgStatus.of(2, "gpg: no valid OpenPGP data found.\n[GNUPG:] NODATA 1\n[GNUPG:] NODATA 2\n"
                + "[GNUPG:] FAILURE decrypt 4294967295\n").outcome()).isEqualTo(Outcome.NOT_OPENPGP);
    }

    @Test
    void successWithoutDecryptionIsNotEncrypted() {
        assertThat(GpgStatus.of(0, "[GNUPG:] PLAINTEXT 62 0\n").outcome()).isEqualTo(Outcome.NOT_ENCRYPTED);
    }

    @Test
    void otherFailuresKeepOnlyKeywordsAndCodes() {
        GpgStatus s = GpgStatus.of(2, "gpg: can't connect to /home/me/.gnupg/S.gpg-agent\n"
                + "[GNUPG:] ERROR pkdecrypt_failed 33554433\n[GNUPG:] ERROR Some/Path 3\n");
        assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.summary()).isEqualTo("exit 2, gpg error pkdecrypt_failed 1").doesNotContain("/home");
    }
}
