package dev.mcpsecrets.dotenv;

/**
 * Which of the two widely used {@code .env} dialects the parser follows where they disagree.
 *
 * <p>Both dialects accept {@code KEY=VALUE}, {@code export}, full-line comments, single, double and
 * backtick quotes, multiline quoted values, CRLF line ends and a UTF-8 byte order mark. The module's
 * README has the full table of differences and the reason for each default.
 *
 * @since 0.1
 */
public enum Dialect {
    /**
     * The default, close to python-dotenv: {@code #} starts an inline comment only after whitespace;
     * double quotes decode {@code \n \r \t \" \\ \' \$}; single quotes and backticks are literal and not
     * expanded; only {@code ${VAR}} and {@code ${VAR:-default}} are expanded, from earlier keys first, then the
     * environment.
     */
    STANDARD,
    /**
     * Close to Node's {@code dotenv} with {@code dotenv-expand}: {@code #} starts a comment anywhere in an
     * unquoted value; double quotes decode only {@code \n} and {@code \r}; {@code $VAR}, {@code ${VAR-d}},
     * {@code ${VAR:+alt}} and {@code ${VAR+alt}} are expanded too, in every kind of value, with the
     * environment taking precedence over earlier keys; {@code \$} stands for a literal dollar sign.
     */
    NODE
}
