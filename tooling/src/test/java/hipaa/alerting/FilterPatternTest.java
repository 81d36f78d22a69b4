package hipaa.alerting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The evaluator on its own: each construct the program's patterns use, and what it refuses. */
class FilterPatternTest {

    private static final String EVENT = """
            {"eventSource":"ec2.amazonaws.com","eventName":"DescribeVpcs","errorCode":"Client.UnauthorizedOperation",
             "userIdentity":{"type":"IAMUser","sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::1:role/r"}}},
             "eventType":"AwsApiCall","count":5,"readOnly":true,"responseElements":null}""";

    private static boolean matches(String pattern) {
        return FilterPattern.parse(pattern).matches(EVENT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '#', value = {
            // equality, bare and quoted
            "{ $.eventName = DescribeVpcs }#true",
            "{ $.eventName = \"DescribeVpcs\" }#true",
            "{ $.eventName = DescribeVpc }#false",
            "{ ($.eventName = describevpcs) }#false",
            // inequality
            "{ $.eventName != DescribeVpcs }#false",
            "{ $.eventName != CreateVpc }#true",
            // wildcards: trailing, leading, inner; a star is the only special character
            "{ $.eventName = Describe* }#true",
            "{ $.eventName != Describe* }#false",
            "{ $.errorCode = \"*UnauthorizedOperation\" }#true",
            "{ $.errorCode = \"Client.*Operation\" }#true",
            "{ $.eventSource = ec2?amazonaws.com }#false",
            "{ $.eventSource = ec2.amazonaws.c }#false",
            // nested selectors
            "{ $.userIdentity.type = IAMUser }#true",
            "{ $.userIdentity.sessionContext.sessionIssuer.arn = \"arn:aws:iam::1:role/r\" }#true",
            // absent, null and non-scalar fields match neither = nor !=
            "{ $.userIdentity.invokedBy = x }#false",
            "{ $.userIdentity.invokedBy != x }#false",
            "{ $.responseElements != x }#false",
            "{ $.userIdentity != x }#false",
            // NOT EXISTS
            "{ $.userIdentity.invokedBy NOT EXISTS }#true",
            "{ $.userIdentity.type NOT EXISTS }#false",
            "{ $.responseElements NOT EXISTS }#true",
            // numbers and booleans compare by their text
            "{ $.count = 5 }#true",
            "{ $.readOnly = true }#true",
            // && and ||, with parentheses
            "{ ($.eventName = CreateVpc) || ($.eventName = DescribeVpcs) }#true",
            "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) }#false",
            "{ ($.eventSource = ec2.amazonaws.com) && ($.eventName = DescribeVpcs) }#true",
            "{ ($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateVpc) }#false",
            "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = CreateVpc) || ($.eventName = DescribeVpcs)) }#false",
            "{ (($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\")) && ($.eventName != HeadBucket) }#true",
    })
    void evaluatesJsonPatterns(String pattern, boolean expected) {
        assertThat(matches(pattern)).isEqualTo(expected);
    }

    @Test
    void aJsonPatternNeverMatchesALineThatIsNotJson() {
        assertThat(FilterPattern.parse("{ $.a NOT EXISTS }").matches("sshd[1]: Failed password")).isFalse();
        assertThat(FilterPattern.parse("{ $.a != b }").matches("[1,2]")).isFalse();
    }

    @Test
    void textTermsAreCaseSensitiveSubstringsAllRequiredUnlessEveryTermIsOptional() {
        var line = "Nov 23 sshd[2291]: Failed password for invalid user admin from 203.0.113.9";
        assertThat(FilterPattern.parse("\"Failed password\" \"invalid user\"").matches(line)).isTrue();
        assertThat(FilterPattern.parse("\"Failed password\" \"Accepted\"").matches(line)).isFalse();
        assertThat(FilterPattern.parse("?\"Accepted\" ?\"Failed password\"").matches(line)).isTrue();
        assertThat(FilterPattern.parse("?\"Accepted\" ?\"Invalid user\"").matches(line)).isFalse();
        assertThat(FilterPattern.parse("sshd").matches(line)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "{ ($.a = 1) && ($.b = 2) || ($.c = 3) }#mixes && and || at one level; add parentheses at position 25",
            "{ $.a = 1 #expected '}' at position 9",
            "{ $.a > 1 }#expected =, != or NOT EXISTS at position 6",
            "{ $ = 1 }#a selector needs at least one .field at position 3",
            "{ $.a = \"x }#unterminated quote at position 8",
            "{ $.a = 1 } extra#text after the closing brace at position 12",
            "?\"a\" \"b\"#mixes ?terms and plain terms; use all of one kind in: ?\"a\" \"b\"",
    })
    void rejectsWhatItDoesNotUnderstand(String pattern, String message) {
        assertThatThrownBy(() -> FilterPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void rejectsAnEmptyPatternAndOneLongerThanCloudWatchAllows() {
        assertThatThrownBy(() -> FilterPattern.parse("  ")).hasMessageStartingWith("an empty pattern matches every event");
        var tooLong = "{ " + "($.eventName = CreateVpc) || ".repeat(40) + "($.eventName = DeleteVpc) }";
        assertThatThrownBy(() -> FilterPattern.parse(tooLong)).hasMessageStartingWith("pattern is " + tooLong.length()
                + " characters; CloudWatch allows 1024");
    }
}
