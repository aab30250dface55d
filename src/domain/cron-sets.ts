/**
 * A cron expression's fields as the sets of values croner matches (its own parse, `cronFields`), and the
 * shape of each set (every value, one, a range, a step, a list). The words and the warnings read these,
 * so they say what the server will do, never what a second parser thinks the text means.
 */
import { cronFields } from "./schedule";

export interface CronSets {
  minutes: number[];
  hours: number[];
  /** Days of the month, 1-31. */
  days: number[];
  /** Months, 1-12. */
  months: number[];
  /** Days of the week, 0 (Sunday) to 6 (7 is read as Sunday too). */
  weekdays: number[];
  /** The day-of-month field is `*`: cron then takes the day of week alone (both restricted: either matches). */
  starDays: boolean;
  starWeekdays: boolean;
  lastDayOfMonth: boolean;
  /** croner's extensions the words do not cover: `W`, `LW`, an nth weekday (`5#2`) or the last one (`5L`). */
  extended: boolean;
}

/** croner's flag for "every occurrence of this weekday in the month" (other values pick the nth or the last). */
const ANY_OCCURRENCE = 0b111111;

const indicesOf = (flags: readonly number[], offset = 0): number[] => flags.flatMap((flag, i) => (flag ? [i + offset] : []));

/** Throws for an expression validateCron refuses. */
export function cronSets(cron: string): CronSets {
  const fields = cronFields(cron);
  return {
    minutes: indicesOf(fields.minute),
    hours: indicesOf(fields.hour),
    days: indicesOf(fields.day, 1),
    months: indicesOf(fields.month, 1),
    weekdays: indicesOf(fields.dayOfWeek),
    starDays: fields.starDOM,
    starWeekdays: fields.starDOW,
    lastDayOfMonth: fields.lastDayOfMonth,
    extended:
      fields.lastWeekday || fields.nearestWeekdays.some(Boolean) || fields.dayOfWeek.some((flag) => flag !== 0 && flag !== ANY_OCCURRENCE),
  };
}

export type Shape =
  | { kind: "all" }
  | { kind: "one"; value: number }
  | { kind: "range"; from: number; to: number }
  /** Values `step` apart, at least three of them (`*\/15`, `5-59/10`). */
  | { kind: "step"; step: number; from: number; to: number }
  | { kind: "list"; values: number[] };

/** The shape of a sorted, non-empty set of values out of min..max. */
export function shapeOf(values: readonly number[], min: number, max: number): Shape {
  const first = values[0] ?? min;
  const last = values.at(-1) ?? min;
  if (values.length === max - min + 1) return { kind: "all" };
  if (values.length === 1) return { kind: "one", value: first };
  const gaps = new Set(values.slice(1).map((value, i) => value - (values[i] ?? value)));
  const [gap] = gaps;
  if (gaps.size === 1 && gap === 1) return { kind: "range", from: first, to: last };
  if (gaps.size === 1 && gap !== undefined && values.length >= 3) return { kind: "step", step: gap, from: first, to: last };
  return { kind: "list", values: [...values] };
}

/**
 * A step that repeats evenly across the cycle (`*\/15` of 60 minutes): the gap from the last value to the
 * first one of the next cycle is the step too. `*\/7` is not (56, then 0 four minutes later).
 */
export function isEvenCycle(shape: Shape, size: number): shape is Extract<Shape, { kind: "step" }> {
  return shape.kind === "step" && size % shape.step === 0 && shape.from < shape.step && shape.to + shape.step >= size;
}

/** The gap from a step's last value to its first one of the next cycle, when shorter than the step. */
export function shortWrapGap(shape: Shape, size: number): number | null {
  if (shape.kind !== "step") return null;
  const wrap = size - shape.to + shape.from;
  return wrap < shape.step ? wrap : null;
}
