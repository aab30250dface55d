import { z } from "zod";
import type { AlertEventPayload } from "../../domain/alert-event";
import type { OutboundRequest } from "../../transports/http";
import { signWebhook } from "../../transports/standard-webhooks";
import { channelName, MASKED_MESSAGE, notMasked, receiverUrl } from "../fields";
import { defineChannel } from "../kind";
import { maskSecret, maskWhole } from "../masks";
import { BODY_MAX, BODY_TYPES, type BodyType, referencedNames, renderTemplate, VALUE_MAX, worstCaseLength } from "../template/render";
import { sampleValues, TEMPLATE_VARIABLES, templateValues } from "../template/variables";
import type { DeliveryContext } from "../types";
import { customHeaders, webhookSecret } from "./webhook";

/**
 * The templated webhook: any inbound API lubdub has no kind for. The user gives the method, URL, headers
 * and one body template for openings (reminders too) and one for closes; `{{variable}}`s are filled in and
 * escaped for the body's content type (render.ts, variables.ts). Signed like the plain webhook when a
 * secret is given (Standard Webhooks, https://www.standardwebhooks.com).
 */
const TEMPLATE_MAX = 16 * 1024;
const TEMPLATE_MAX_NOTE = `at most ${BODY_MAX} allowed, each value counted at ${VALUE_MAX} characters, escaped`;

function checkTemplate(template: string, type: BodyType, field: "opened" | "closed", ctx: z.RefinementCtx): void {
  const unknown = [...new Set(referencedNames(template).filter((name) => !(name in TEMPLATE_VARIABLES)))];
  for (const name of unknown) {
    ctx.addIssue({ code: "custom", path: [field], message: `unknown variable {{${name}}} (the variables are listed in the README)` });
  }
  if (unknown.length > 0) return;
  const longest = worstCaseLength(template, type);
  if (longest > BODY_MAX) {
    const message = `the body could reach ${longest} characters with every value at its longest (${TEMPLATE_MAX_NOTE}); use fewer variables`;
    ctx.addIssue({ code: "custom", path: [field], message });
  }
  if (type !== "application/json") return;
  try {
    JSON.parse(renderTemplate(template, sampleValues(), type));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const message = `not JSON once filled in (${why}): put text variables inside quotes, "{{monitor.name}}"`;
    ctx.addIssue({ code: "custom", path: [field], message });
  }
}
const templates = z
  .strictObject({
    content_type: z.enum(BODY_TYPES).optional(),
    opened: z.string().min(1).max(TEMPLATE_MAX),
    closed: z.string().min(1).max(TEMPLATE_MAX),
  })
  .superRefine((value, ctx) => {
    const type = value.content_type ?? "application/json";
    checkTemplate(value.opened, type, "opened", ctx);
    checkTemplate(value.closed, type, "closed", ctx);
  });

const templateConfig = z.object({
  type: z.literal("template"),
  url: z.string(),
  method: z.enum(["POST", "PUT", "PATCH"]),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.object({
    content_type: z.enum(BODY_TYPES).default("application/json"),
    opened: z.string(),
    closed: z.string(),
  }),
  secret: z.string().nullable().default(null),
});
type TemplateChannelConfig = z.output<typeof templateConfig>;

async function buildTemplateRequest(
  config: TemplateChannelConfig,
  event: AlertEventPayload,
  context: DeliveryContext,
): Promise<OutboundRequest> {
  const template = event.type === "alert.closed" ? config.body.closed : config.body.opened;
  const body = renderTemplate(template, templateValues(event, context), config.body.content_type);
  const custom = Object.fromEntries(Object.entries(config.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const headers: Record<string, string> = { "user-agent": "lubdub-webhooks/1", ...custom, "content-type": config.body.content_type };
  if (config.secret !== null) {
    const timestamp = Math.floor(context.now / 1000);
    headers["webhook-id"] = context.messageId;
    headers["webhook-timestamp"] = String(timestamp);
    headers["webhook-signature"] = await signWebhook(config.secret, context.messageId, timestamp, body);
  }
  return { url: config.url, method: config.method, headers, body };
}

export const template = defineChannel({
  type: "template",
  docs: {
    config: "`url`, `method`?, `headers`?, `body` (`opened`, `closed`, `content_type`?), `secret`?",
    sends: "Your body for opens and closes, `{{variables}}` escaped; signed with `secret`.",
  },
  input: z.strictObject({
    type: z.literal("template"),
    name: channelName,
    url: receiverUrl("the URL of the API to call"),
    method: z.enum(["POST", "PUT", "PATCH"]).optional(),
    headers: customHeaders.optional(),
    body: templates,
    secret: webhookSecret.refine(notMasked, MASKED_MESSAGE).optional(),
  }),
  stored: templateConfig,
  fromInput: (input) => ({
    type: "template",
    url: input.url,
    method: input.method ?? "POST",
    headers: input.headers ?? {},
    body: { content_type: input.body.content_type ?? "application/json", opened: input.body.opened, closed: input.body.closed },
    secret: input.secret ?? null,
  }),
  userUrls: ["url"],
  secrets: { secret: maskSecret, headers: { mask: maskWhole, map: true } },
  permanentStatuses: [404, 410],
  build: buildTemplateRequest,
});
