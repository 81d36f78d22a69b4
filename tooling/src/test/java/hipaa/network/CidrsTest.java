package hipaa.network;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrsTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/16, true",
            "10.100.64.0/21, true",
            "0.0.0.0/0, true",
            "10.0.0.1/16, false",      // host bits set: a typo, not a block
            "10.100.119.0/21, false",  // the Quick Start's unaligned default
            "10.0.0.0/33, false",
            "300.0.0.0/16, false",
            "10.0.0.0, false",
            "::/0, false",
            "'', false"})
    void acceptsOnlyCanonicalIpv4Blocks(String cidr, boolean canonical) {
        assertThat(Cidrs.isCanonical(cidr)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({
            "10.100.0.0/16, 21, 0, 10.100.0.0/21",
            "10.100.0.0/16, 21, 8, 10.100.64.0/21",
            "10.100.0.0/16, 21, 31, 10.100.248.0/21",
            "10.10.0.0/20, 25, 9, 10.10.4.128/25"})
    void cutsTheIndexthBlock(String cidr, int prefix, int index, String expected) {
        assertThat(Cidrs.subnet(cidr, prefix, index)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "10.100.0.0/16, 10.100.64.0/21, true, true",
            "10.100.64.0/21, 10.100.0.0/16, false, true",
            "10.100.0.0/16, 10.10.0.0/16, false, false",
            "10.100.64.0/21, 10.100.72.0/21, false, false"})
    void containmentAndOverlap(String a, String b, boolean contains, boolean overlap) {
        assertThat(Cidrs.contains(a, b)).isEqualTo(contains);
        assertThat(Cidrs.overlap(a, b)).isEqualTo(overlap);
        assertThat(Cidrs.overlap(b, a)).isEqualTo(overlap);
    }

    @ParameterizedTest
    @CsvSource({"10.100.0.0/16, 21, 32", "10.100.0.0/16, 15, 0"})
    void refusesBlocksOutsideTheRange(String cidr, int prefix, int index) {
        assertThatThrownBy(() -> Cidrs.subnet(cidr, prefix, index)).isInstanceOf(IllegalArgumentException.class);
    }
}
