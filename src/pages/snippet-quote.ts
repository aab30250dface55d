/**
 * Quoting a value for each language a snippet is written in, so a URL (or a name in a comment) is pasted
 * as exactly one literal whatever it holds. Pure.
 */

/** POSIX sh: single quotes, a quote inside written as '\''. */
export const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/** A crontab command line: sh quoting, and `%` escaped (cron turns a bare % into a newline). */
export const crontabQuote = (value: string): string => shellQuote(value).replaceAll("%", "\\%");

/** PowerShell: single quotes (no expansion), a quote inside doubled. */
export const powershellQuote = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * A double-quoted string literal for JavaScript, Python, Go and YAML: JSON's escapes (\" \\ \n \uXXXX) are
 * valid in all four. Lone surrogates (not valid in Go) cannot occur in a URL the server renders.
 */
export const stringLiteral = (value: string): string => JSON.stringify(value);

/**
 * A systemd unit's command-line word: double quotes with \ and " escaped, `%` doubled (a specifier
 * otherwise) and `$` doubled (an environment variable otherwise).
 */
export const systemdQuote = (value: string): string =>
  `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("%", "%%").replaceAll("$", "$$$$")}"`;

/** A name for a one-line comment: every line break and control character becomes a space. */
export const commentText = (value: string): string => value.replace(/[\p{Cc}\u2028\u2029\u0085]+/gu, " ").trim();
