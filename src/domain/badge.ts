/**
 * Status badges: what a monitor's (or a tag's) status reads as, and the badge itself, as an SVG in the
 * shields.io "flat" style and as a shields.io endpoint JSON. Pure. The word is in the badge, so it is
 * readable without colour.
 */
import type { MonitorStatus } from "./monitor";

export type BadgeState = "up" | "late" | "down" | "paused" | "new";

/** A running job last reported success or has not failed yet: it reads as up (as on healthchecks.io). */
export const BADGE_STATE: Record<MonitorStatus, BadgeState> = {
  new: "new",
  up: "up",
  running: "up",
  late: "late",
  down: "down",
  paused: "paused",
};

/** Worst first: a tag's badge shows its worst monitor. Paused and new monitors count only when all are. */
const SEVERITY: readonly BadgeState[] = ["down", "late", "up", "new", "paused"];

/** The worst state among `states`; null when there are none (a tag no monitor has). */
export function worstState(states: readonly BadgeState[]): BadgeState | null {
  return SEVERITY.find((state) => states.includes(state)) ?? null;
}

/** shields.io's named colours: the endpoint JSON names them, the SVG uses their values. */
const COLOR: Record<BadgeState, { name: string; hex: string }> = {
  up: { name: "brightgreen", hex: "#4c1" },
  late: { name: "orange", hex: "#fe7d37" },
  down: { name: "red", hex: "#e05d44" },
  paused: { name: "lightgrey", hex: "#9f9f9f" },
  new: { name: "blue", hex: "#007ec6" },
};

/** The longest label shown: a monitor's name may be 200 characters, a badge should stay a badge. */
const MAX_LABEL = 40;

function badgeLabel(name: string): string {
  const chars = Array.from(name);
  return chars.length <= MAX_LABEL ? name : `${chars.slice(0, MAX_LABEL - 1).join("")}…`;
}

/** https://shields.io/badges/endpoint-badge: shields.io can restyle the badge from this. */
export function shieldsEndpoint(label: string, state: BadgeState) {
  return { schemaVersion: 1, label: badgeLabel(label), message: state, color: COLOR[state].name };
}

// Verdana 11px, the font of the flat style, measured roughly in pixels per character class: an estimate
// good to a few pixels, enough for the text to sit inside its box without loading font metrics.
const NARROW = new Set("fijlrtI.,:;!|'()[] ");
const WIDE = new Set("mwMW@%");
function charWidth(char: string): number {
  if (NARROW.has(char)) return 4;
  if (WIDE.has(char)) return 10.5;
  if (/[A-Z0-9#&]/.test(char)) return 7.5;
  // Other scripts (CJK, emoji) are wider than Latin lower case.
  return char.charCodeAt(0) > 0x2e7f ? 11 : 6.5;
}

export const textWidth = (text: string): number => Math.ceil(Array.from(text).reduce((sum, char) => sum + charWidth(char), 0));

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[char] ?? char);

/** Two boxes, label (grey) and state (its colour), with a shadowed text each, and a title for screen readers. */
export function badgeSvg(label: string, state: BadgeState): string {
  const left = badgeLabel(label);
  const [lw, rw] = [textWidth(left) + 10, textWidth(state) + 10];
  const width = lw + rw;
  const [l, r] = [escapeXml(left), escapeXml(state)];
  const text = (x: number, value: string) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${value}</text><text x="${x}" y="14">${value}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${l}: ${r}">`,
    `<title>${l}: ${r}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${rw}" height="20" fill="${COLOR[state].hex}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">',
    `${text(lw / 2, l)}${text(lw + rw / 2, r)}</g></svg>`,
  ].join("");
}
