import { z } from "zod";
import type { ChannelKind, KindInputSchema } from "./kind";
import { alertops } from "./kinds/alertops";
import { discord } from "./kinds/discord";
import { googleChat } from "./kinds/google-chat";
import { gotify } from "./kinds/gotify";
import { ilert } from "./kinds/ilert";
import { matrix } from "./kinds/matrix";
import { mattermost } from "./kinds/mattermost";
import { ntfy } from "./kinds/ntfy";
import { opsgenie } from "./kinds/opsgenie";
import { pagerduty } from "./kinds/pagerduty";
import { pushover } from "./kinds/pushover";
import { rocketchat } from "./kinds/rocketchat";
import { slack } from "./kinds/slack";
import { splunkOncall } from "./kinds/splunk-oncall";
import { teams } from "./kinds/teams";
import { telegram } from "./kinds/telegram";
import { twilioSms } from "./kinds/twilio-sms";
import { twilioVoice } from "./kinds/twilio-voice";
import { webhook } from "./kinds/webhook";
import { zulip } from "./kinds/zulip";
import type { ChannelInput, ChannelType } from "./types";

/**
 * Every kind of channel lubdub can send to, one line each (healthchecks' TRANSPORTS). A kind is its file
 * under `kinds/` plus its line here: the API, masking, URL checks, redaction, deliveries and the CLI (its
 * help text, and the secret fields of its monitors-as-code file) all look it up here and nowhere else.
 * Its tests are one example in test/channels/kinds/examples.ts (the shared conformance suite) and its
 * own test/channels/kinds/<kind>.test.ts.
 */
const BUILT_IN: readonly ChannelKind[] = [
  // Any receiver, and chat.
  webhook,
  slack,
  discord,
  teams,
  googleChat,
  mattermost,
  rocketchat,
  zulip,
  matrix,
  telegram,
  // Paging platforms.
  pagerduty,
  opsgenie,
  ilert,
  alertops,
  splunkOncall,
  // Push to phones, SMS and calls.
  ntfy,
  pushover,
  gotify,
  twilioSms,
  twilioVoice,
];

const kinds = new Map<ChannelType, ChannelKind>(BUILT_IN.map((kind) => [kind.type, kind]));
let createInput: z.ZodType<ChannelInput> | null = null;

/**
 * Adds a kind at run time (tests define one of their own). Call it before `createApp()`: the API reads
 * the registry when it builds its routes. Returns the undo.
 */
export function registerChannelKind(kind: ChannelKind): () => void {
  if (kinds.has(kind.type)) throw new Error(`channel kind ${kind.type} is already registered`);
  kinds.set(kind.type, kind);
  createInput = null;
  return () => {
    kinds.delete(kind.type);
    createInput = null;
  };
}

/** The kind of a stored channel. Unknown only if a kind was removed while channels of it remain: a bug, so it throws. */
export function channelKind(type: ChannelType): ChannelKind {
  const kind = kinds.get(type);
  if (!kind) throw new Error(`unknown channel kind ${JSON.stringify(type)}`);
  return kind;
}

export const channelTypes = (): ChannelType[] => [...kinds.keys()];

/** POST /channels: one strict schema per registered kind, chosen by `type`. */
export function channelCreateInput(): z.ZodType<ChannelInput> {
  createInput ??= buildCreateInput([...kinds.values()].map((kind) => kind.input));
  return createInput;
}

function buildCreateInput(inputs: KindInputSchema<string>[]): z.ZodType<ChannelInput> {
  const [first, ...rest] = inputs;
  if (!first) throw new Error("no channel kinds are registered");
  return z.discriminatedUnion("type", [first, ...rest]);
}
