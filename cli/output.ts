import { styleText } from "node:util";
import { ApiError } from "./errors";

type Colour = "green" | "yellow" | "red" | "blue" | "gray" | "cyan";

/** Status words and their colours. The word is always printed: the colour only helps. */
const STATUS_COLOURS: Record<string, Colour> = {
  up: "green",
  ok: "green",
  closed: "green",
  new: "blue",
  running: "cyan",
  late: "yellow",
  paused: "gray",
  down: "red",
  open: "red",
  failing: "red",
  failed: "red",
};

/**
 * Colour only for a person at a terminal: not when piped, not with NO_COLOR (https://no-color.org: set and
 * not empty), not on a dumb terminal. This is the only decision: `paint` tells styleText not to make its own,
 * which differs between Node releases (20.20 also drops colour for an empty NO_COLOR; the first with styleText never do).
 */
export function colourWanted(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

const paint = (format: Colour | "bold", text: string): string => styleText(format, text, { validateStream: false });

interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
  /** Colour the cell by its value as a status word. */
  status?: boolean;
}

export class Output {
  constructor(
    /** --json: the API's JSON as is, for scripts. */
    readonly json: boolean,
    private readonly colour: boolean,
    private readonly write: (text: string) => void,
  ) {}

  /** With --json the value itself; else what `human` prints for a person. */
  result<T>(value: T, human: (value: T) => void): void {
    if (this.json) this.write(`${JSON.stringify(value, null, 2)}\n`);
    else human(value);
  }

  line(text = ""): void {
    this.write(`${text}\n`);
  }

  status(word: string): string {
    const colour = STATUS_COLOURS[word];
    return this.colour && colour ? paint(colour, word) : word;
  }

  /** Aligned columns; a status column is padded before it is coloured, so the escapes do not skew widths. */
  table<T>(rows: T[], columns: Column<T>[]): void {
    const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
    const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((row) => (row[i] ?? "").length)));
    const header = columns.map((column, i) => column.header.toUpperCase().padEnd(widths[i] ?? 0));
    this.line((this.colour ? header.map((text) => paint("bold", text)) : header).join("  ").trimEnd());
    for (const row of cells) {
      const padded = row.map((text, i) => {
        const cell = text.padEnd(widths[i] ?? 0);
        return columns[i]?.status ? cell.replace(text, this.status(text)) : cell;
      });
      this.line(padded.join("  ").trimEnd());
    }
    if (rows.length === 0) this.line("(none)");
  }

  /** One object as `field: value` lines; nested values as compact JSON. */
  fields(record: object): void {
    const entries = Object.entries(record);
    const width = Math.max(0, ...entries.map(([name]) => name.length));
    for (const [name, value] of entries) {
      const text = cellText(value);
      this.line(`${`${name}:`.padEnd(width + 1)} ${name === "status" ? this.status(text) : text}`);
    }
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** An error as a person reads it: the API's message and each field it names, on stderr. */
export function formatError(err: unknown): string {
  if (err instanceof ApiError) {
    // A rate limit or a lockout is over after a while: say how long, so nobody retries at once (and is locked out again).
    const wait = err.retryAfterSeconds === null ? "" : `: try again in ${err.retryAfterSeconds} s`;
    if (!err.envelope)
      return `error: HTTP ${err.status}${typeof err.body === "string" && err.body ? `: ${err.body.slice(0, 200)}` : ""}${wait}`;
    const { code, message, details } = err.envelope.error;
    const lines = [`error: ${message} (${code}, HTTP ${err.status})${wait}`];
    for (const detail of details ?? []) lines.push(`  ${detail.path || "(body)"}: ${detail.message}`);
    return lines.join("\n");
  }
  return `error: ${err instanceof Error ? err.message : String(err)}`;
}
