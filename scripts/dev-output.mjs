// @ts-check
// What `npm run dev` (scripts/dev.mjs) prints: one line per migration applied, then a short banner with
// what a person needs (the URL, the admin token, the docs), instead of wrangler's tables. Only lines known
// to be noise are dropped; anything else wrangler prints (errors, warnings, request logs) passes through.
import { readdirSync } from "node:fs";

/**
 * The migrations wrangler applied, one line each, from its output of `d1 migrations apply`: it names
 * the pending ones (in tables, eight times over for eight migrations), so a migration file whose name
 * appears there was applied. Null when the output says neither "nothing to apply" nor names one: the
 * caller then shows wrangler's output as it is.
 * @param {string} output @param {string} folder
 * @returns {string[] | null}
 */
export function migrationLines(output, folder = "migrations") {
  if (/No migrations to apply/i.test(output)) return ["Migrations: up to date"];
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".sql"))
    .sort();
  const applied = files.filter((name) => output.includes(name));
  return applied.length === 0 ? null : applied.map((name) => `Migration applied: ${name}`);
}

/**
 * @param {string} url where the server listens
 * @param {string} token how the admin token line reads
 * @returns {string[]}
 */
export function bannerLines(url, token) {
  return [
    "",
    `lubdub is running on ${url}`,
    `  Admin token: ${token}`,
    `  Dashboard:   ${url}/app (sign in with the admin token or a team API key)`,
    `  API docs:    ${url}/api/docs (OpenAPI document: ${url}/api/v1/openapi.json)`,
    "  README:      README.md in this folder (quick start, pings, channels, the CLI)",
    "Requests are logged below; Ctrl-C stops the server.",
  ];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters
const ANSI = /\u001b\[[0-9;]*m/g;
const DROPPED = [/^Using (secrets|vars) defined in \.dev\.vars/, /Starting local server\.\.\.$/];
const BINDINGS = /^Your Worker has access to the following bindings/i;
const READY = /Ready on (https?:\/\/\S+)/;
/** wrangler's note that the Cron Trigger does not fire locally: its first and last lines. */
const CRON_NOTE = /Scheduled Workers are not automatically triggered during local development/;
const CRON_NOTE_END = /For more details, see/;

/**
 * Drops wrangler's note that the Cron Trigger does not fire locally (README "Operations" says how to fire
 * it), from its warning line to its "For more details" line and the blank lines after it; every other line
 * is kept. wrangler prints it on stderr, where its other warnings stay.
 * @returns {(line: string) => boolean} whether to keep the line
 */
export function cronNoteFilter() {
  /** "note": inside the note; "after": the blank lines that follow it. */
  let state = "none";
  return (line) => {
    const text = line.replace(ANSI, "");
    if (state === "note" || CRON_NOTE.test(text)) {
      state = CRON_NOTE_END.test(text) ? "after" : "note";
      return false;
    }
    if (state === "after" && text.trim() === "") return false;
    state = "none";
    return true;
  };
}

/**
 * A filter of `wrangler dev`'s output, line by line: drops the bindings table and the lines above and the
 * cron note, and puts the banner where wrangler says it is ready (the URL wrangler really listens on).
 * @param {(url: string) => string[]} banner
 * @returns {(line: string) => string[]} the lines to print in its place
 */
export function devOutputFilter(banner) {
  let inBindings = false;
  const keep = cronNoteFilter();
  return (line) => {
    const text = line.replace(ANSI, "");
    if (inBindings) {
      inBindings = text.trim() !== ""; // the table ends at a blank line
      return [];
    }
    if (!keep(line)) return [];
    if (BINDINGS.test(text)) {
      inBindings = true;
      return [];
    }
    if (DROPPED.some((pattern) => pattern.test(text))) return [];
    const ready = READY.exec(text);
    return ready?.[1] ? banner(ready[1]) : [line];
  };
}
