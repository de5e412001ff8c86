package dev.autonoc.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The service's hashes are SHA-256 of the text's UTF-8 bytes in lower-case hex. */
class Sha256Test {

    @Test
    void gives_the_published_digests_of_fips_180_2s_examples() {
        assertThat(Sha256.hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hashes_the_utf8_bytes_of_text_beyond_ascii() {
        // "£" is c2 a3 in UTF-8; in ISO-8859-1 it would be the one byte a3 and hash otherwise
        assertThat(Sha256.hex("£"))
                .isEqualTo("b4fe151e413445357b1c0935e7cf04a429492ebd23dc62bfadb2f898c431c1fd");
    }
}
