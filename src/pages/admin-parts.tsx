/** Small pieces the alerts, channels, team and details pages share: times, durations, field errors, notices, tables. */
import type { FC, PropsWithChildren } from "hono/jsx";
import { formatDuration } from "../domain/duration";
import type { ErrorDetail } from "../errors";

/** "2100-01-01 00:12 UTC": to the minute, one zone for everyone reading the same page. */
export const utcMinute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** A moment, readable, with its exact ISO time for machines and on hover. */
export const Time: FC<{ at: number }> = ({ at }) => {
  const iso = new Date(at).toISOString();
  return (
    <time datetime={iso} title={iso}>
      {utcMinute(at)}
    </time>
  );
};

/** "3h 5m": how long between two moments. */
export const span = (from: number, to: number): string => formatDuration(Math.max(0, Math.round((to - from) / 1000)));

/** The API's validation errors by field path ("url", "headers.X-Key"), for showing each beside its field. */
export type FieldErrors = Map<string, string[]>;

export function fieldErrors(details: readonly ErrorDetail[] | undefined): FieldErrors {
  const byField: FieldErrors = new Map();
  for (const detail of details ?? []) {
    const field = detail.path || "body";
    byField.set(field, [...(byField.get(field) ?? []), detail.message]);
  }
  return byField;
}

/** The errors of one field (and of its parts, "headers.X", "default_channels[0]"), as the text beside it; id for aria-describedby. */
export const FieldError: FC<{ id: string; field: string; errors: FieldErrors }> = ({ id, field, errors }) => {
  const messages = [...errors.entries()].filter(([path]) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`));
  if (messages.length === 0) return null;
  return (
    <span class="field-error" id={id}>
      {messages
        .map(([path, list]) => (path === field ? list.join("; ") : `${path.slice(field.length).replace(/^\./, "")}: ${list.join("; ")}`))
        .join("; ")}
    </span>
  );
};

/** A one-line result after a form: what happened, said in words (role=status so a screen reader hears it). */
export const Notice: FC<{ text: string | null; bad?: boolean }> = ({ text, bad }) =>
  text ? (
    <p class={bad ? "notice bad" : "notice"} role="status">
      {text}
    </p>
  ) : null;

/** A column heading; `hidden` ones are read by screen readers only (an actions column). */
export type Column = string | { label: string; hidden: true };

/**
 * Every list page's table: scrollable on a phone (`table-wrap`), headings scoped to their column, an
 * optional caption for screen readers. Rows are the children.
 */
export const DataTable: FC<PropsWithChildren<{ columns: readonly Column[]; class?: string; id?: string; caption?: string }>> = (props) => (
  <div class="table-wrap">
    <table class={props.class} id={props.id}>
      {props.caption !== undefined && <caption class="visually-hidden">{props.caption}</caption>}
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col">{typeof column === "string" ? column : <span class="visually-hidden">{column.label}</span>}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  </div>
);
