/**
 * The templated webhook's renderer: `{{name}}` (spaces inside the braces allowed) is replaced by the
 * variable's value, escaped for the body's content type. No template engine: substitution only, no logic.
 * Pure.
 */

export const BODY_TYPES = ["application/json", "application/x-www-form-urlencoded", "text/plain"] as const;
export type BodyType = (typeof BODY_TYPES)[number];

/** The largest body a template may produce. */
export const BODY_MAX = 64 * 1024;
/** Each value is cut to this many characters (with "…") before it is escaped. */
export const VALUE_MAX = 500;
/** The most characters escaping makes of one character (JSON `\u0000`; form `%F0%9F%98%80` for one beyond the BMP). */
const ESCAPE_GROWTH: Record<BodyType, number> = { "application/json": 6, "application/x-www-form-urlencoded": 12, "text/plain": 1 };

const REFERENCE = /\{\{(.*?)\}\}/g;

/**
 * Inside a JSON string: JSON's own escapes, plus `<`, `>` and `&` as `\u003c`... so a receiver that puts the
 * text into HTML does not get markup, and U+2028/2029, which some JSON readers choke on.
 */
function jsonEscape(value: string): string {
  return JSON.stringify(value)
    .slice(1, -1)
    .replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const ESCAPE: Record<BodyType, (value: string) => string> = {
  "application/json": jsonEscape,
  "application/x-www-form-urlencoded": encodeURIComponent,
  "text/plain": (value) => value,
};

function cut(value: string): string {
  const chars = Array.from(value);
  return chars.length <= VALUE_MAX ? value : `${chars.slice(0, VALUE_MAX - 1).join("")}…`;
}

/** The variable names a template refers to, in order, repeats included. */
export const referencedNames = (template: string): string[] => [...template.matchAll(REFERENCE)].map((match) => (match[1] ?? "").trim());

export function renderTemplate(template: string, values: Readonly<Record<string, string>>, type: BodyType): string {
  return template.replace(REFERENCE, (whole, name: string) => {
    const value = values[name.trim()];
    // Validation refuses unknown names on save; one here would be a bug, so it stays visible as written.
    return value === undefined ? whole : ESCAPE[type](cut(value));
  });
}

/** The longest body the template can produce: its own text plus every value at its longest, fully escaped. */
export function worstCaseLength(template: string, type: BodyType): number {
  const references = [...template.matchAll(REFERENCE)];
  const literal = template.length - references.reduce((sum, match) => sum + match[0].length, 0);
  return literal + references.length * VALUE_MAX * ESCAPE_GROWTH[type];
}
