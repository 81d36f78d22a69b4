package hipaa.alerting;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An evaluator of the CloudWatch Logs filter-pattern subset this program writes, so each metric filter
 * can be proven against sample log events without an AWS account.
 *
 * <p>Two forms:
 * <ul>
 *   <li>JSON: {@code { ($.a = x) && (($.b != "y*") || ($.c.d NOT EXISTS)) }}. Selectors are {@code $}
 *       followed by {@code .name} steps; values are bare tokens or double-quoted strings in which
 *       {@code *} matches any run of characters (leading, inner or trailing). A selector that does not
 *       resolve to a string, number or boolean matches neither {@code =} nor {@code !=}, so a pattern
 *       never depends on a field being absent unless it says {@code NOT EXISTS}.</li>
 *   <li>Text: terms such as {@code "Failed password"}, each matching as a case-sensitive substring;
 *       all must appear, or, when every term starts with {@code ?}, any one.</li>
 * </ul>
 *
 * <p>Stricter than CloudWatch on purpose: {@code &&} and {@code ||} may not be mixed at one level without
 * parentheses (CloudWatch's precedence is then easy to misread), and anything outside the subset is
 * rejected instead of guessed at, so a pattern the tests accept means what it says.
 */
public final class FilterPattern {

    /** CloudWatch Logs rejects metric filter patterns longer than this. */
    public static final int MAX_LENGTH = 1024;

    private final String source;
    private final Node root;

    private FilterPattern(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /** Parses a pattern; throws {@link IllegalArgumentException} naming the position of the first error. */
    public static FilterPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("pattern is " + pattern.length() + " characters; CloudWatch allows " + MAX_LENGTH);
        }
        var trimmed = pattern.strip();
        var node = trimmed.startsWith("{") ? new JsonParserState(trimmed).parsePattern() : TextPattern.parse(trimmed);
        return new FilterPattern(pattern, node);
    }

    /** Whether one log event (a CloudTrail record as JSON, or a line of text) matches. */
    public boolean matches(String logEvent) {
        return root.matches(new Event(logEvent));
    }

    @Override
    public String toString() {
        return source;
    }

    // ------------------------------------------------------------------ model

    /** A log event, parsed as JSON on first need. */
    private static final class Event {
        final String text;
        private JsonObject json;
        private boolean parsed;

        Event(String text) {
            this.text = text;
        }

        JsonObject json() {
            if (!parsed) {
                parsed = true;
                try {
                    var e = JsonParser.parseString(text);
                    json = e.isJsonObject() ? e.getAsJsonObject() : null;
                } catch (JsonParseException ex) {
                    json = null;
                }
            }
            return json;
        }
    }

    private interface Node {
        boolean matches(Event e);
    }

    private record And(List<Node> parts) implements Node {
        public boolean matches(Event e) {
            return parts.stream().allMatch(p -> p.matches(e));
        }
    }

    private record Or(List<Node> parts) implements Node {
        public boolean matches(Event e) {
            return parts.stream().anyMatch(p -> p.matches(e));
        }
    }

    private record Compare(List<String> path, boolean equal, Pattern value) implements Node {
        public boolean matches(Event e) {
            var found = resolve(e.json(), path);
            if (!(found instanceof JsonPrimitive p)) {
                return false;
            }
            return value.matcher(p.getAsString()).matches() == equal;
        }
    }

    private record NotExists(List<String> path) implements Node {
        public boolean matches(Event e) {
            // Not JSON at all means no field exists, but such an event is not what a JSON pattern is about.
            return e.json() != null && resolve(e.json(), path) == null;
        }
    }

    private static JsonElement resolve(JsonObject root, List<String> path) {
        if (root == null) {
            return null;
        }
        JsonElement at = root;
        for (var step : path) {
            if (!at.isJsonObject() || !at.getAsJsonObject().has(step)) {
                return null;
            }
            at = at.getAsJsonObject().get(step);
        }
        return at.isJsonNull() ? null : at;
    }

    /** A value with {@code *} wildcards as a whole-string regular expression; everything else is literal. */
    static Pattern wildcard(String value) {
        var regex = new java.util.StringJoiner(".*");
        for (var part : value.split("\\*", -1)) {
            regex.add(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    // ------------------------------------------------------------------ text patterns

    private record TextPattern(List<String> terms, boolean any) implements Node {
        static TextPattern parse(String s) {
            var terms = new ArrayList<String>();
            var optional = new ArrayList<Boolean>();
            int i = 0;
            while (i < s.length()) {
                if (Character.isWhitespace(s.charAt(i))) {
                    i++;
                    continue;
                }
                boolean opt = s.charAt(i) == '?';
                if (opt) {
                    i++;
                }
                if (i < s.length() && s.charAt(i) == '"') {
                    int end = s.indexOf('"', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated quote at " + i + " in: " + s);
                    }
                    terms.add(s.substring(i + 1, end));
                    i = end + 1;
                } else {
                    int end = i;
                    while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                        end++;
                    }
                    var word = s.substring(i, end);
                    if (word.isEmpty() || word.matches(".*[\\[\\]{}()\"].*")) {
                        throw new IllegalArgumentException("unsupported text term '" + word + "' at " + i + " in: " + s);
                    }
                    terms.add(word);
                    i = end;
                }
                optional.add(opt);
            }
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("an empty pattern matches every event; write the terms to look for");
            }
            boolean any = optional.get(0);
            if (optional.stream().anyMatch(o -> o != any)) {
                throw new IllegalArgumentException("mixes ?terms and plain terms; use all of one kind in: " + s);
            }
            return new TextPattern(List.copyOf(terms), any);
        }

        public boolean matches(Event e) {
            return any ? terms.stream().anyMatch(e.text::contains) : terms.stream().allMatch(e.text::contains);
        }
    }

    // ------------------------------------------------------------------ JSON patterns

    private static final class JsonParserState {
        private final String s;
        private int pos;

        JsonParserState(String s) {
            this.s = s;
        }

        Node parsePattern() {
            expect("{");
            var node = expression();
            expect("}");
            skipSpaces();
            if (pos != s.length()) {
                throw error("text after the closing brace");
            }
            return node;
        }

        private Node expression() {
            var parts = new ArrayList<Node>();
            parts.add(term());
            String op = null;
            while (true) {
                skipSpaces();
                String next = s.startsWith("&&", pos) ? "&&" : s.startsWith("||", pos) ? "||" : null;
                if (next == null) {
                    break;
                }
                if (op != null && !op.equals(next)) {
                    throw error("mixes && and || at one level; add parentheses");
                }
                op = next;
                pos += 2;
                parts.add(term());
            }
            if (parts.size() == 1) {
                return parts.get(0);
            }
            return "&&".equals(op) ? new And(List.copyOf(parts)) : new Or(List.copyOf(parts));
        }

        private Node term() {
            skipSpaces();
            if (peek() == '(') {
                pos++;
                var inner = expression();
                expect(")");
                return inner;
            }
            var path = selector();
            skipSpaces();
            if (s.startsWith("NOT EXISTS", pos)) {
                pos += "NOT EXISTS".length();
                return new NotExists(path);
            }
            boolean equal;
            if (s.startsWith("!=", pos)) {
                equal = false;
                pos += 2;
            } else if (peek() == '=') {
                equal = true;
                pos++;
            } else {
                throw error("expected =, != or NOT EXISTS");
            }
            return new Compare(path, equal, wildcard(value()));
        }

        private List<String> selector() {
            expect("$");
            var path = new ArrayList<String>();
            while (peek() == '.') {
                pos++;
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (start == pos) {
                    throw error("empty selector step");
                }
                path.add(s.substring(start, pos));
            }
            if (path.isEmpty()) {
                throw error("a selector needs at least one .field");
            }
            return List.copyOf(path);
        }

        private String value() {
            skipSpaces();
            if (peek() == '"') {
                int end = s.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("unterminated quote");
                }
                var v = s.substring(pos + 1, end);
                pos = end + 1;
                return v;
            }
            int start = pos;
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && "()&|}\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a value");
            }
            return s.substring(start, pos);
        }

        private void expect(String token) {
            skipSpaces();
            if (!s.startsWith(token, pos)) {
                throw error("expected '" + token + "'");
            }
            pos += token.length();
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at position " + pos + " in: " + s);
        }
    }
}
