import type { Context } from "hono";
import type { FC } from "hono/jsx";
import { previewOfQuery } from "../../api/schedule-preview";
import type { SchedulePreview } from "../../domain/schedule-preview";
import { ApiError, type ErrorDetail } from "../../errors";
import { schedulePreviewQuery } from "../../schemas/schedule-preview";
import { validate } from "../../validation";
import type { PageEnv } from "../page-env";
import { type FormValues, previewQueryOf } from "./values";

export const PREVIEW_ID = "schedule-preview";

/** The preview of the form's schedule, or why there is none (the API's own messages for those fields). */
export type PreviewResult = { preview: SchedulePreview; problems: null } | { preview: null; problems: ErrorDetail[] };

/** Checked by the preview route's own query schema, so the form, the page and the API agree on every message. */
export function previewOfValues(values: FormValues, now: number): PreviewResult {
  try {
    return { preview: previewOfQuery(validate(schedulePreviewQuery, previewQueryOf(values), "query"), now), problems: null };
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) return { preview: null, problems: error.details };
    throw error;
  }
}

const NextTimes: FC<{ preview: SchedulePreview }> = ({ preview }) => (
  <table class="preview-times">
    <caption>Next expected pings</caption>
    <thead>
      <tr>
        <th scope="col">{preview.timezone}</th>
        {preview.viewerTimezone && <th scope="col">Yours ({preview.viewerTimezone})</th>}
      </tr>
    </thead>
    <tbody>
      {preview.next.map((time) => (
        <tr>
          <td>
            <time datetime={new Date(time.at).toISOString()}>{time.local}</time>
          </td>
          {preview.viewerTimezone && <td>{time.viewer}</td>}
        </tr>
      ))}
    </tbody>
  </table>
);

/**
 * Beside the schedule: the words, the warnings and the next six times; replaced whole by the live preview
 * script (`id` is how it finds it), and rendered by the server after a submit, so it works without JS.
 */
export const SchedulePreviewPanel: FC<{ result: PreviewResult }> = ({ result }) => (
  <section id={PREVIEW_ID} class="schedule-preview" aria-live="polite" aria-label="Schedule preview">
    {result.preview ? (
      <>
        <p class="preview-words">
          Expected <strong>{result.preview.words}</strong>
        </p>
        {result.preview.warnings.length > 0 && (
          <ul class="preview-warnings">
            {result.preview.warnings.map((warning) => (
              <li data-code={warning.code}>
                <strong>Warning:</strong> {warning.message}
              </li>
            ))}
          </ul>
        )}
        <NextTimes preview={result.preview} />
        {result.preview.timezone === "UTC" && !result.preview.viewerTimezone && (
          <p class="hint">Times in UTC; with JavaScript on, they are also shown in your time zone.</p>
        )}
      </>
    ) : (
      <p class="preview-problem">
        No preview yet:{" "}
        {result.problems.map((problem) => (
          <span>
            {problem.path ? `${problem.path}: ` : ""}
            {problem.message}.{" "}
          </span>
        ))}
      </p>
    )}
  </section>
);

/**
 * `GET /app/schedule-preview`: the panel alone, for the live preview script (a page has a session, not a
 * bearer token). It takes the form's own fields (schedule_kind, interval, interval_unit, schedule,
 * timezone, grace, viewer_timezone), read as a submit reads them; 400 with the reasons when they are invalid.
 */
export function schedulePreviewFragment(c: Context<PageEnv>): Response | Promise<Response> {
  const result = previewOfValues(c.req.queries(), Date.now());
  return c.html(<SchedulePreviewPanel result={result} />, result.preview ? 200 : 400);
}
