/** The create and edit form of a channel, its fields generated from the kind (channel-fields.ts). */
import type { FC } from "hono/jsx";
import type { Session } from "../../services/sessions";
import { FieldError, type FieldErrors } from "../admin-parts";
import { CsrfField } from "../layout";
import { type ChannelField, channelFields, checkName, isTicked } from "./channel-fields";

export interface ChannelFormProps {
  session: Session;
  type: string;
  action: string;
  /** Values to show: the stored ones on edit, the typed ones after an error. */
  values: Record<string, string>;
  errors: FieldErrors;
  editing: boolean;
  submitLabel: string;
}

const LABELS: Record<string, string> = {
  url: "URL",
  api_key: "API key",
  routing_key: "Routing key",
  bot_token: "Bot token",
  chat_id: "Chat id",
};
const label = (name: string) => LABELS[name] ?? `${name.charAt(0).toUpperCase()}${name.slice(1).replace(/_/g, " ")}`;

function hint(field: ChannelField, editing: boolean): string {
  if (field.secret && editing) return "secret, not shown: leave empty to keep the current value";
  if (field.control === "map") return "one per line, Name: value";
  return field.required ? "" : "optional";
}

/** A list of choices (a channel's events): a fieldset of checkboxes, the legend for a label. */
const Checks: FC<{ field: ChannelField; values: Record<string, string>; describedBy: string }> = ({ field, values, describedBy }) => (
  <fieldset id={`ch-${field.name}`} aria-describedby={describedBy}>
    <legend>{label(field.name)}</legend>
    <input type="hidden" name={field.name} value="shown" />
    {field.options.map((option) => (
      <label class="checkbox">
        <input type="checkbox" name={checkName(field, option)} checked={isTicked(field, option, values)} /> {option}
      </label>
    ))}
  </fieldset>
);

const Control: FC<{ field: ChannelField; value: string; describedBy: string; required: boolean }> = ({
  field,
  value,
  describedBy,
  required,
}) => {
  const id = `ch-${field.name}`;
  if (field.control === "select") {
    return (
      <select id={id} name={field.name} aria-describedby={describedBy}>
        {!field.required && <option value="">(default)</option>}
        {field.options.map((option) => (
          <option value={option} selected={option === value}>
            {option}
          </option>
        ))}
      </select>
    );
  }
  if (field.control === "map") {
    return (
      <textarea id={id} name={field.name} rows={3} aria-describedby={describedBy}>
        {value}
      </textarea>
    );
  }
  const type = field.control === "secret" ? "password" : field.control === "url" ? "url" : field.control === "number" ? "number" : "text";
  return (
    <input type={type} id={id} name={field.name} value={value} required={required} autocomplete="off" aria-describedby={describedBy} />
  );
};

export const ChannelForm: FC<ChannelFormProps> = (props) => (
  <form method="post" action={props.action}>
    <CsrfField session={props.session} />
    <input type="hidden" name="type" value={props.type} />
    <label for="ch-name">Name</label>
    <input type="text" id="ch-name" name="name" value={props.values.name} required aria-describedby="ch-name-error" />
    <FieldError id="ch-name-error" field="name" errors={props.errors} />
    {channelFields(props.type).map((field) => {
      const note = hint(field, props.editing);
      const errorId = `ch-${field.name}-error`;
      return (
        <>
          {field.control === "checks" ? (
            <Checks field={field} values={props.values} describedBy={errorId} />
          ) : (
            <>
              <label for={`ch-${field.name}`}>
                {label(field.name)} {note && <span class="hint">{note}</span>}
              </label>
              <Control
                field={field}
                value={props.values[field.name] ?? ""}
                describedBy={errorId}
                required={field.required && !(props.editing && field.secret)}
              />
            </>
          )}
          <FieldError id={errorId} field={field.name} errors={props.errors} />
        </>
      );
    })}
    <FieldError id="ch-body-error" field="body" errors={props.errors} />
    <div class="actions">
      <button type="submit" class="primary">
        {props.submitLabel}
      </button>
    </div>
  </form>
);
