import { fitEscaped } from "./message";

/**
 * CommonMark-style text for receivers that render Markdown (Mattermost, Rocket.Chat, Zulip): every
 * character that could start markup (or a mention) is backslash-escaped, so a monitor named "*prod* [db]" shows as typed
 * and cannot become a link or a mention.
 */
export const escapeMarkdown = (text: string): string => text.replace(/[\\`*_~[\]<>#|@]/g, (char) => `\\${char}`);

/** A Markdown link whose label is escaped; the URL is ours (PUBLIC_BASE_URL + an id), so only `)` and spaces need encoding. */
export const markdownLink = (label: string, url: string): string =>
  `[${escapeMarkdown(label)}](${url.replace(/\)/g, "%29").replace(/ /g, "%20")})`;

/** The sentence in bold, then the summary, each escaped and cut to fit `max` characters in all. */
export function markdownBody(text: string, summary: string | null, link: string | null, max: number): string {
  const linkLine = link ? `\n${link}` : "";
  const head = `**${fitEscaped(text, max - linkLine.length - 4, escapeMarkdown)}**`;
  const room = max - linkLine.length - head.length - 1;
  const fitted = summary && room > 1 ? fitEscaped(summary, room, escapeMarkdown) : "";
  return head + (fitted && fitted !== "…" ? `\n${fitted}` : "") + linkLine;
}
