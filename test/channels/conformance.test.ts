import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { ChannelKind } from "../../src/channels/kind";
import { channelKind, channelTypes } from "../../src/channels/registry";
import { buildChannelRequest } from "../../src/channels/send";
import { readStoredChannelConfig, storedChannelConfig } from "../../src/channels/stored";
import { testAlertEvent } from "../../src/channels/test-event";
import { advanceTo, api, createMonitor, interceptFetch, ping, S, settle, T0, useFakeClock } from "../helpers";
import { expectInvalid, postInProduction } from "./fixtures";
import { KIND_EXAMPLES } from "./kinds/examples";

// What every registered kind must do, checked on one example of each (test/channels/kinds/examples.ts):
// validation, masking, the URL rule, the stored round trip, a test send and redaction. A kind's own
// request, rules and statuses are in test/channels/kinds/<kind>.test.ts.

function exampleOf(type: string): { type: string } & Record<string, unknown> {
  const example = KIND_EXAMPLES[type];
  if (!example) throw new Error(`channel kind ${type} has no example in test/channels/kinds/examples.ts`);
  return example;
}

/** The example as a create body. */
const bodyOf = (kind: ChannelKind) => ({ name: "conformance", ...exampleOf(kind.type) });

/** Creates a channel from the kind's example; its creation response shows the configuration in full. */
async function createExample(kind: ChannelKind) {
  const res = await api("POST", "/api/v1/channels", bodyOf(kind));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The raw values of a configuration's secret fields, as the API showed it on creation. */
const secretsOf = (kind: ChannelKind, config: Record<string, unknown>) => kind.secretValues({ ...config, type: kind.type });

/** Optional and nullable wrappers aside, is this input field a URL? */
const isUrl = (schema: z.ZodType): boolean =>
  schema instanceof z.ZodOptional || schema instanceof z.ZodNullable ? isUrl(schema.unwrap() as z.ZodType) : schema instanceof z.ZodURL;

/** A body as its receiver reads it: a form-encoded one (Twilio) decoded. */
function readable(req: { headers: Record<string, string>; body: string } | undefined): string {
  if (!req?.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) return req?.body ?? "";
  return [...new URLSearchParams(req.body).values()].join("\n");
}

/** A receiver that answers with everything it was sent, as many do on errors. */
const echo = (status: number) =>
  interceptFetch((req) => new Response(`${req.url}\n${JSON.stringify(req.headers)}\n${req.body}`, { status }));

// The suite creates several channels per kind in one file's storage (one team): more than the default
// limit of 100 channels a team (README "Limits"), so it lifts its team's limit first.
beforeAll(async () => {
  const res = await api("PATCH", "/api/v1/team", { limits: { channels: 100_000 } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});

describe("the examples", () => {
  it("cover every registered kind, and only those", () => {
    expect(Object.keys(KIND_EXAMPLES).sort()).toEqual(channelTypes().sort());
  });
});

describe.each(channelTypes())("channel kind %s", (type) => {
  const kind = channelKind(type);
  describe("validation", () => validation(kind));
  describe("masking", () => masking(kind));
  describe("the URL rule", () => urlRule(kind));
  describe("stored", () => storedRoundTrip(kind));
  describe("sending", () => sending(kind));
});

/** Its example is accepted; what every kind refuses is refused. */
function validation(kind: ChannelKind): void {
  const { type } = kind;
  it("accepts its example, in production too", async () => {
    expect((await createExample(kind)).type).toBe(type);
    expect((await postInProduction(bodyOf(kind))).status).toBe(201);
  });

  it("refuses it without a name, or with a field it does not have", async () => {
    expectInvalid(await api("POST", "/api/v1/channels", { ...bodyOf(kind), name: "" }), "name");
    expectInvalid(await api("POST", "/api/v1/channels", { ...bodyOf(kind), colour: "red" }), "colour");
  });

  it("refuses to change its type on edit, and accepts repeating it", async () => {
    const other = channelTypes().find((t) => t !== type) ?? "email";
    const { id } = await createExample(kind);
    expectInvalid(await api("PATCH", `/api/v1/channels/${id}`, { type: other }), "type", /cannot change/);
    const renamed = await api("PATCH", `/api/v1/channels/${id}`, { type, name: "renamed" });
    expect(renamed.body).toMatchObject({ type, name: "renamed" });
  });
}

/** Secrets shown once, then masked: exactly its secret fields, each by its mask. */
function masking(kind: ChannelKind): void {
  it("shows its secrets once, then masks exactly its secret fields, each with its mask", async () => {
    const created = await createExample(kind);
    const shown = (await api("GET", `/api/v1/channels/${created.id}`)).body.config;
    const listed = (await api("GET", "/api/v1/channels?limit=100")).body.data.find((c: { id: string }) => c.id === created.id);
    const revealed: Record<string, unknown> = created.config;
    const changed = Object.keys(shown).filter((field) => JSON.stringify(shown[field]) !== JSON.stringify(revealed[field]));
    expect(changed.sort()).toEqual(kind.secretFields.map((secret) => secret.field).sort());
    for (const { field, mask, map } of kind.secretFields) {
      const value = revealed[field];
      expect(value, `the example fills ${field}`).toBeTruthy();
      const expected = map
        ? Object.fromEntries(Object.entries(value as Record<string, string>).map(([k, v]) => [k, mask(v)]))
        : mask(String(value));
      expect(shown[field], field).toEqual(expected);
    }
    expect(secretsOf(kind, revealed).length).toBeGreaterThanOrEqual(kind.secretFields.length);
    for (const secret of secretsOf(kind, revealed)) expect(JSON.stringify([shown, listed])).not.toContain(secret);
  });

  it("refuses its masked view sent back, rather than storing the mask over a secret", async () => {
    if (kind.secretFields.length === 0) return; // nothing masked (the email binding's kind)
    const { id } = await createExample(kind);
    const shown = (await api("GET", `/api/v1/channels/${id}`)).body.config;
    const res = await api("PATCH", `/api/v1/channels/${id}`, shown);
    expect(res.status).toBe(400);
    const paths: string[] = res.body.error.details.map((d: { path: string }) => d.path.split(".")[0]);
    expect(
      kind.secretFields.some((secret) => paths.includes(secret.field)),
      JSON.stringify(paths),
    ).toBe(true);
  });
}

/** Every URL its user gives is named, and production refuses plain http and private targets in each. */
function urlRule(kind: ChannelKind): void {
  it("names every URL its input accepts, so the rule applies to each", () => {
    const urlInputs = Object.entries(kind.input.shape)
      .filter(([, schema]) => isUrl(schema))
      .map(([field]) => field);
    expect([...kind.urlFields].sort()).toEqual(urlInputs.sort());
  });

  it("production refuses a plain http or private URL in each of them", async () => {
    for (const field of kind.urlFields) {
      const url = new URL(String(exampleOf(kind.type)[field]));
      const insecure = new URL(url);
      insecure.protocol = "http:";
      expectInvalid(await postInProduction({ ...bodyOf(kind), [field]: insecure.href }), field, /must be https/);
      const internal = new URL(url);
      internal.hostname = "10.0.0.1";
      expectInvalid(await postInProduction({ ...bodyOf(kind), [field]: internal.href }), field, /must be a public internet address/);
    }
  });
}

/** What is created reads back the same from its stored row. */
function storedRoundTrip(kind: ChannelKind): void {
  const { type } = kind;
  it("reads back what was created: input, stored row, configuration", async () => {
    const created = await createExample(kind);
    const row = await env.DB.prepare("SELECT config FROM channels WHERE id = ?").bind(created.id).first<{ config: string }>();
    expect(readStoredChannelConfig(type, JSON.parse(row?.config ?? "null"))).toEqual({ type, ...created.config });
    const config = kind.configFromInput(bodyOf(kind));
    expect(readStoredChannelConfig(type, JSON.parse(JSON.stringify(storedChannelConfig(config))))).toEqual(config);
  });
}

/** A test send reaches the receiver; an echoing receiver's refusal is redacted wherever it is shown. */
function sending(kind: ChannelKind): void {
  const { type } = kind;
  useFakeClock(T0);
  // A kind that sends through a binding (the email kind: send_email) calls no URL; its own tests read what it sends.
  if (kind.unavailable({}) !== null) {
    it("a test send goes through its binding, to no URL", async () => {
      const receiver = interceptFetch();
      const created = await createExample(kind);
      expect((await api("POST", `/api/v1/channels/${created.id}/test`)).body).toMatchObject({ ok: true, status_code: null, error: null });
      expect(receiver.captured).toHaveLength(0);
    });
    return;
  }

  it("a test send reaches its receiver once, marked as a test", async () => {
    const receiver = interceptFetch();
    const created = await createExample(kind);
    expect((await api("POST", `/api/v1/channels/${created.id}/test`)).body).toMatchObject({ ok: true, status_code: 200 });
    expect(receiver.captured).toHaveLength(1);
    const context = { messageId: "evt_x", now: T0, publicBaseUrl: null, test: true };
    const expected = await buildChannelRequest({ ...created.config, type }, testAlertEvent(T0), context);
    // A kind may name the message in its URL (Matrix's transaction id): the test send's own id differs from evt_x.
    expect(receiver.captured[0]?.url.replace(/\/evt_[a-z0-9]+$/, "/evt_x")).toBe(expected.url);
    // Markdown kinds escape the brackets (`\[TEST\]`), which their readers see as [TEST].
    expect(readable(receiver.captured[0])).toMatch(/\\?\[TEST\\?\]|"test":true/);
  });

  it("an echoing receiver's refusal shows no secret: test result, delivery log, channel", async () => {
    const created = await createExample(kind);
    const secrets = secretsOf(kind, created.config);
    echo(500);
    const result = (await api("POST", `/api/v1/channels/${created.id}/test`)).body;
    expect(result).toMatchObject({ ok: false, status_code: 500 });
    expect(`${result.error} ${result.body_excerpt}`).toContain("[redacted]");

    const monitor = await createMonitor({ name: "echoed", interval: 60, channels: [created.id] });
    await ping(monitor.ping_url);
    await settle(monitor.id);
    await advanceTo(monitor.id, T0 + 60 * S);
    const deliveries = (await api("GET", `/api/v1/channels/${created.id}/deliveries`)).body;
    expect(deliveries.data[0].last_error).toMatch(/^HTTP 500: /);
    const delivery = (await api("GET", `/api/v1/deliveries/${deliveries.data[0].id}`)).body;
    const channel = (await api("GET", `/api/v1/channels/${created.id}`)).body;
    const shown = JSON.stringify([result, deliveries, delivery, channel]);
    for (const secret of secrets) expect(shown).not.toContain(secret);
  });
}
