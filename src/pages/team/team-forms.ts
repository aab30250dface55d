/**
 * The team page's forms, turned into the API's inputs and checked by the API's own schemas (so a form's
 * error is the API's error, on the API's field names), then applied through the team and key services.
 */
import { renderWindow } from "../../api/monitors";
import type { TeamRecord } from "../../db/teams";
import { teamPatchInput } from "../../schemas/team";
import { validate } from "../../validation";

export type FormValues = Record<string, string | string[]>;

/** A single text field of a form ("" when absent or repeated). */
export const text = (form: FormValues, name: string): string => {
  const value = form[name];
  return typeof value === "string" ? value.trim() : "";
};

/** Every value of a repeated field (checkboxes). */
export const all = (form: FormValues, name: string): string[] => {
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

/**
 * The team's windows with one more: once (`starts_at`, `ends_at`) or recurring (`cron`, `timezone`,
 * `duration`), whichever the form filled. The whole list goes through the API's schema, as a PATCH would.
 */
export function windowsWithNew(team: TeamRecord, form: FormValues) {
  const kind = text(form, "kind");
  const added =
    kind === "once"
      ? { starts_at: text(form, "starts_at"), ends_at: text(form, "ends_at") }
      : { cron: text(form, "cron"), timezone: text(form, "timezone") || "UTC", duration: text(form, "duration") };
  const current = team.maintenance.map(renderWindow);
  const checked = validate(teamPatchInput, { maintenance: [...current, added] }, "body");
  return checked;
}

/** The team's windows without the one at `index` (as listed on the page). */
export function windowsWithout(team: TeamRecord, index: number) {
  const kept = team.maintenance.map(renderWindow).filter((_, i) => i !== index);
  return validate(teamPatchInput, { maintenance: kept }, "body");
}

/** `default_channels_mode` "all": every channel (null); "chosen": the ticked `default_channels`. */
export function defaultChannelsPatch(form: FormValues) {
  const everyChannel = text(form, "default_channels_mode") !== "chosen";
  return validate(teamPatchInput, { default_channels: everyChannel ? null : all(form, "default_channels") }, "body");
}

export const statusPagePatch = (form: FormValues) => validate(teamPatchInput, { status_page: { tag: text(form, "tag") } }, "body");

/**
 * An error of a window's field names its place in the whole list (`maintenance[2].cron`); the form has
 * one window, so its errors are shown by the field's own name.
 */
export const windowField = (path: string): string => path.replace(/^maintenance(\[\d+\]|\.\d+)\.?/, "") || "maintenance";
