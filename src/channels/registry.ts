import { z } from "zod";
import type { ChannelKind, KindInputSchema } from "./kind";
import { discord } from "./kinds/discord";
import { email } from "./kinds/email";
import { ntfy } from "./kinds/ntfy";
import { opsgenie } from "./kinds/opsgenie";
import { pagerduty } from "./kinds/pagerduty";
import { postmark } from "./kinds/postmark";
import { resend } from "./kinds/resend";
import { slack } from "./kinds/slack";
import { teams } from "./kinds/teams";
import { telegram } from "./kinds/telegram";
import { template } from "./kinds/template";
import { webhook } from "./kinds/webhook";
import type { ChannelInput, ChannelType } from "./types";

/**
 * Every kind of channel lubdub can send to, one line each (healthchecks' TRANSPORTS). A kind is its file
 * under `kinds/` plus its line here: the API, masking, URL checks, redaction, deliveries and the CLI (its
 * help text, and the secret fields of its monitors-as-code file) all look it up here and nowhere else.
 * Its tests are one example in test/channels/kinds/examples.ts (the shared conformance suite) and its
 * own test/channels/kinds/<kind>.test.ts.
 */
const BUILT_IN: readonly ChannelKind[] = [webhook, slack, discord, teams, pagerduty, opsgenie, ntfy, telegram];
/** Email (three kinds: Cloudflare's binding and two APIs) and the templated webhook. */
const EMAIL_AND_TEMPLATE: readonly ChannelKind[] = [email, resend, postmark, template];

const kinds = new Map<ChannelType, ChannelKind>([...BUILT_IN, ...EMAIL_AND_TEMPLATE].map((kind) => [kind.type, kind]));
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
