import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../errors";
import { type FormValues, fieldOfPath, list, text } from "./values";

/** What every input needs: the form's values and the errors by input name ("" for the form as a whole). */
export interface FormState {
  values: FormValues;
  errors: Map<string, string[]>;
}

/** The API's error details, each under the input it names (see fieldOfPath). */
export function errorsByField(details: readonly ErrorDetail[], shown: ReadonlySet<string>): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  for (const detail of details) {
    const field = fieldOfPath(detail.path, shown);
    const message = field === "" && detail.path !== "" ? `${detail.path}: ${detail.message}` : detail.message;
    errors.set(field, [...(errors.get(field) ?? []), message]);
  }
  return errors;
}

/** An input's id from its name (`escalation[0].after` → `f-escalation-0-after`), also the error summary's link. */
export const idOf = (name: string) => `f-${name.replace(/[^\w-]+/g, "-").replace(/-+$/, "")}`;
const errorIdOf = (name: string) => `${idOf(name)}-error`;
const hintIdOf = (name: string) => `${idOf(name)}-hint`;

/** aria-invalid and aria-describedby for an input: its hint, then its error, read after its label. */
export function describedBy(form: FormState, name: string, hint: boolean) {
  const invalid = form.errors.has(name);
  const ids = [hint ? hintIdOf(name) : "", invalid ? errorIdOf(name) : ""].filter((id) => id !== "").join(" ");
  return { "aria-invalid": invalid ? "true" : undefined, "aria-describedby": ids || undefined };
}

export const FieldError: FC<{ form: FormState; name: string }> = ({ form, name }) => {
  const messages = form.errors.get(name);
  return messages ? (
    <p class="field-error" id={errorIdOf(name)}>
      {messages.join("; ")}
    </p>
  ) : null;
};

interface TextProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "number";
  /** The least a number input takes (the API's own minimum, so a browser says so before submitting). */
  min?: number;
  required?: boolean;
  placeholder?: string;
  list?: string;
  /** Another input that shares this one's error line and hint (the interval's unit picker). */
  children?: unknown;
}

export const TextField: FC<TextProps> = (props) => (
  <div class="field">
    <label for={idOf(props.name)}>{props.label}</label>
    {props.hint && (
      <span class="hint" id={hintIdOf(props.name)}>
        {props.hint}
      </span>
    )}
    <div class="field-row">
      <input
        id={idOf(props.name)}
        name={props.name}
        type={props.type ?? "text"}
        value={text(props.form.values, props.name)}
        required={props.required}
        placeholder={props.placeholder}
        list={props.list}
        min={props.min}
        {...describedBy(props.form, props.name, Boolean(props.hint))}
      />
      {props.children}
    </div>
    <FieldError form={props.form} name={props.name} />
  </div>
);

export const CheckboxField: FC<{ form: FormState; name: string; label: string; hint?: string }> = ({ form, name, label, hint }) => (
  <div class="field check">
    <input
      id={idOf(name)}
      name={name}
      type="checkbox"
      checked={text(form.values, name) !== ""}
      {...describedBy(form, name, Boolean(hint))}
    />
    <label for={idOf(name)}>{label}</label>
    {hint && (
      <span class="hint" id={hintIdOf(name)}>
        {hint}
      </span>
    )}
    <FieldError form={form} name={name} />
  </div>
);

/** The location hints in words (src/domain/monitor.ts LOCATION_HINTS). */
const LOCATIONS: [string, string][] = [
  ["", "Near whoever creates it (no hint)"],
  ["wnam", "Western North America (wnam)"],
  ["enam", "Eastern North America (enam)"],
  ["sam", "South America (sam)"],
  ["weur", "Western Europe (weur)"],
  ["eeur", "Eastern Europe (eeur)"],
  ["apac", "Asia-Pacific (apac)"],
  ["oc", "Oceania (oc)"],
  ["afr", "Africa (afr)"],
  ["me", "Middle East (me)"],
];

/** The monitor's location hint: chosen at creation; the API refuses another value afterwards, and says so here. */
export const LocationField: FC<{ form: FormState }> = ({ form }) => (
  <div class="field">
    <label for={idOf("location")}>Location</label>
    <span class="hint" id={hintIdOf("location")}>
      Where its pings come from: its storage is created near there. Fixed once the monitor exists.
    </span>
    <select id={idOf("location")} name="location" {...describedBy(form, "location", true)}>
      {LOCATIONS.map(([value, label]) => (
        <option value={value} selected={text(form.values, "location") === value}>
          {label}
        </option>
      ))}
    </select>
    <FieldError form={form} name="location" />
  </div>
);

export interface ChannelOption {
  id: string;
  name: string;
  type: string;
}

/** One checkbox per channel of the team, under one name (the API's list of channel ids). */
export const ChannelChoice: FC<{ form: FormState; name: string; legend: string; channels: ChannelOption[] }> = (props) => {
  const chosen = new Set(list(props.form.values, props.name));
  return (
    <fieldset class="channels" id={idOf(props.name)} {...describedBy(props.form, props.name, false)}>
      <legend>{props.legend}</legend>
      {props.channels.length === 0 && <p class="hint">The team has no channels yet.</p>}
      {props.channels.map((channel) => (
        <div class="check">
          <input
            type="checkbox"
            id={idOf(`${props.name}-${channel.id}`)}
            name={props.name}
            value={channel.id}
            checked={chosen.has(channel.id)}
          />
          <label for={idOf(`${props.name}-${channel.id}`)}>
            {channel.name} <span class="muted">({channel.type})</span>
          </label>
        </div>
      ))}
      <FieldError form={props.form} name={props.name} />
    </fieldset>
  );
};
