import { z } from "zod";

/**
 * The address fields every email kind shares. zod's email rule (a plain `local@domain`, no display name,
 * no spaces or control characters) also keeps a CR or LF out of the headers an address is written into.
 */
export const emailAddress = z.email({ error: "must be an email address, like alerts@example.com" }).max(254);

/** One address or several; stored as a list. */
export const recipients = (max: number) =>
  z
    .union([emailAddress, z.array(emailAddress).min(1, "at least one recipient").max(max, `at most ${max} recipients`)])
    .transform((to) => (Array.isArray(to) ? to : [to]));

/** A display name for the sender ("lubdub alerts"): one line, no characters that would need quoting in a header. */
export const senderName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  // A refinement, not a pattern: the OpenAPI document's patterns carry no flags, and \p{Cc} needs `u`.
  .refine((name) => !/[\p{Cc}"<>\\,;:@]/u.test(name), 'a display name: no control characters or "<>\\,;:@');

/** `"lubdub alerts" <alerts@example.com>`, or the bare address when there is no name. */
export const fromHeader = (address: string, name: string | null): string => (name === null ? address : `"${name}" <${address}>`);
