import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { api, createWebhookChannel, ORIGIN, type PageSession, page, signIn } from "../helpers";
import { bearer, createTeamWithKeys } from "../teams-helpers";

// The monitor create/edit form (/app/monitors/new, /app/monitors/:id/edit), its POSTs and the live preview.
const app = createApp();

type Fields = [name: string, value: string][];

/** A form POST as a browser sends it: repeated names (checkboxes) kept, the CSRF token unless told not to. */
function submit(path: string, session: PageSession, fields: Fields, csrf = true) {
  const body = new URLSearchParams(fields);
  if (csrf) body.set("_csrf", session.csrf);
  return app.request(`${ORIGIN}${path}`, { method: "POST", body, headers: { cookie: session.cookie }, redirect: "manual" }, env);
}

const intervalMonitor = (name: string, extra: Fields = []): Fields => [
  ["name", name],
  ["schedule_kind", "interval"],
  ["interval", "5"],
  ["interval_unit", "m"],
  ["grace", "2m"],
  ["failure_threshold", "1"],
  ["recovery_threshold", "1"],
  ["enabled", "on"],
  ...extra,
];

const monitorsNamed = async (name: string, headers?: Record<string, string>) =>
  (await api("GET", `/api/v1/monitors?q=${encodeURIComponent(name)}`, undefined, headers)).body.data as Record<string, unknown>[];

/** The text of the error shown under an input, by the input's id. */
const errorOf = (html: string, id: string) => new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];

async function created(session: PageSession, fields: Fields): Promise<string> {
  const response = await submit("/app/monitors", session, fields);
  expect(response.status).toBe(303);
  const location = response.headers.get("location") ?? "";
  expect(location).toMatch(/^\/app\/monitors\/mon_[a-z2-7]+$/);
  return location.split("/").pop() ?? "";
}

describe("GET /app/monitors/new", () => {
  it("renders every field with a label, the schedule's preview and the preview script by nonce", async () => {
    const session = await signIn();
    const response = await page("/app/monitors/new", session);
    const html = await response.text();
    expect(response.status).toBe(200);
    for (const name of ["name", "slug", "tags", "interval", "schedule", "timezone", "grace", "max_runtime", "remind_every", "enabled"]) {
      expect(html).toContain(`name="${name}"`);
    }
    // Every visible input, select and textarea has a label naming its id, or an aria-label.
    const controls = [...html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)].filter(([, , attrs]) => !/type="hidden"/.test(attrs ?? ""));
    expect(controls.length).toBeGreaterThan(20);
    for (const [tag, , attrs = ""] of controls) {
      const id = /\bid="([^"]+)"/.exec(attrs)?.[1];
      const labelled = /aria-label="[^"]+"/.test(attrs) || (id !== undefined && html.includes(`<label for="${id}">`));
      expect(labelled, `${tag} ${attrs}`).toBe(true);
    }
    expect(html).toContain("Expected <strong>every day</strong>");
    expect(html).toMatch(/<input id="f-timezone" name="timezone" type="text" value="UTC" list="timezones"/);
    expect(html).toContain('<option value="Europe/Berlin"></option>');
    const nonce = /script-src 'nonce-([a-z2-7]+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    expect(html).toContain(`<script nonce="${nonce}" src="/app/static/schedule-preview.js" defer="">`);
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/);
  });

  it("serves the preview script small", async () => {
    const response = await page("/app/static/schedule-preview.js");
    expect(response.headers.get("content-type")).toContain("text/javascript");
    expect((await response.text()).length).toBeLessThan(1200);
  });
});

describe("POST /app/monitors", () => {
  it("a bad cron comes back next to its field with the API's message, status 400, nothing created", async () => {
    const session = await signIn();
    const fields = intervalMonitor("form bad cron").map(([k, v]): [string, string] => (k === "schedule_kind" ? [k, "cron"] : [k, v]));
    const response = await submit("/app/monitors", session, [...fields, ["schedule", "* 9 * *"], ["timezone", "Europe/Berlin"]]);
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(errorOf(html, "f-schedule")).toBe("must have 5 fields: minute hour day-of-month month day-of-week");
    expect(html).toMatch(/id="f-schedule" name="schedule" type="text" value="\* 9 \* \*"[^>]*aria-invalid="true"/);
    expect(html).toContain('<a href="#f-schedule">');
    expect(await monitorsNamed("form bad cron")).toEqual([]);
  });

  it("a bad interval comes back next to the interval", async () => {
    const session = await signIn();
    const fields = intervalMonitor("form bad interval").map(([k, v]): [string, string] => (k === "interval" ? [k, "0"] : [k, v]));
    const response = await submit("/app/monitors", session, fields);
    expect(response.status).toBe(400);
    expect(errorOf(await response.text(), "f-interval")).toBe("must be between 1s and 365d");
    expect(await monitorsNamed("form bad interval")).toEqual([]);
  });

  it("a re-rendered form shows the preview from the server, in the viewer's zone too", async () => {
    const session = await signIn();
    const response = await submit("/app/monitors", session, [
      ["name", ""],
      ["schedule_kind", "cron"],
      ["schedule", "* 9 * * *"],
      ["timezone", "UTC"],
      ["viewer_timezone", "America/New_York"],
    ]);
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(errorOf(html, "f-name")).toBeDefined();
    expect(html).toContain("every minute from 09:00 to 09:59 (UTC)");
    expect(html).toContain('data-code="every_minute_of_hour"');
    expect(html).toContain("Yours (America/New_York)");
  });

  it("creates the monitor the form describes and redirects to it", async () => {
    const session = await signIn();
    const channel = await createWebhookChannel();
    const id = await created(
      session,
      intervalMonitor("form created", [
        ["tags", "backup, prod"],
        ["slug", "form-created"],
        ["channels", channel.id],
        ["max_runtime", "10m"],
      ]),
    );
    expect((await page(`/app/monitors/${id}`, session)).status).toBe(200); // the details page it redirects to
    const monitor = (await api("GET", `/api/v1/monitors/${id}`)).body;
    expect(monitor).toMatchObject({
      name: "form created",
      slug: "form-created",
      tags: ["backup", "prod"],
      interval: 300,
      grace: 120,
      max_runtime: 600,
      channels: [channel.id],
      escalation: [],
      enabled: true,
      manual_resume: false,
      remind_every: null,
    });
  });

  it("a conflict the service finds (a slug in use) also comes back next to its field", async () => {
    const session = await signIn();
    await created(session, intervalMonitor("form slug one", [["slug", "form-taken"]]));
    const response = await submit("/app/monitors", session, intervalMonitor("form slug two", [["slug", "form-taken"]]));
    expect(response.status).toBe(409);
    expect(errorOf(await response.text(), "f-slug")).toBe("already in use");
  });

  it("refuses a read key's session (403) and a form without its CSRF token (403); nothing is created", async () => {
    const team = await createTeamWithKeys("form read-only");
    const reader = await signIn(team.read);
    expect((await submit("/app/monitors", reader, intervalMonitor("form by reader"))).status).toBe(403);
    expect(await monitorsNamed("form by reader", bearer(team.write))).toEqual([]);
    const writer = await signIn(team.write);
    const response = await submit("/app/monitors", writer, intervalMonitor("form no csrf"), false);
    expect(response.status).toBe(403);
    expect(await monitorsNamed("form no csrf", bearer(team.write))).toEqual([]);
  });
});

describe("editing", () => {
  it("the edit form is filled from the monitor, and saving changes it", async () => {
    const session = await signIn();
    const id = await created(session, intervalMonitor("form to edit", [["remind_every", "1h"]]));
    const form = await (await page(`/app/monitors/${id}/edit`, session)).text();
    expect(form).toContain('value="form to edit"');
    expect(form).toMatch(/name="remind_every" type="text" value="1h"/);
    expect(form).toContain(`action="/app/monitors/${id}"`);
    const response = await submit(`/app/monitors/${id}`, session, [
      ["name", "form edited"],
      ["schedule_kind", "cron"],
      ["schedule", "30 2 * * *"],
      ["timezone", "Europe/Berlin"],
      ["grace", "30m"],
      ["maintenance[0].cron", "0 3 * * 0"],
      ["maintenance[0].timezone", "Europe/Berlin"],
      ["maintenance[0].duration", "1h"],
    ]);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/app/monitors/${id}`);
    const monitor = (await api("GET", `/api/v1/monitors/${id}`)).body;
    expect(monitor).toMatchObject({
      name: "form edited",
      interval: null,
      schedule: "30 2 * * *",
      timezone: "Europe/Berlin",
      grace: 1800,
      remind_every: null, // emptied in the form
      enabled: false, // unchecked
      maintenance: [{ cron: "0 3 * * 0", timezone: "Europe/Berlin", duration: 3600 }],
    });
  });

  it("an edit's error is shown next to an escalation row's field, and changes nothing", async () => {
    const session = await signIn();
    const channel = await createWebhookChannel();
    const id = await created(session, intervalMonitor("form escalation"));
    const response = await submit(`/app/monitors/${id}`, session, [
      ...intervalMonitor("form escalation renamed"),
      ["escalation[0].after", "10x"],
      ["escalation[0].channels", channel.id],
    ]);
    expect(response.status).toBe(400);
    expect(errorOf(await response.text(), "f-escalation-0-after")).toContain("expected whole seconds or a duration");
    expect((await api("GET", `/api/v1/monitors/${id}`)).body.name).toBe("form escalation");
  });

  it("a location is chosen on create, shown on edit, kept by a save, and another one is refused next to its field", async () => {
    const session = await signIn();
    const id = await created(session, intervalMonitor("form located", [["location", "eeur"]]));
    expect((await api("GET", `/api/v1/monitors/${id}`)).body.location).toBe("eeur");
    const form = await (await page(`/app/monitors/${id}/edit`, session)).text();
    expect(form).toContain('<option value="eeur" selected="">');
    const kept = await submit(`/app/monitors/${id}`, session, intervalMonitor("form located renamed", [["location", "eeur"]]));
    expect(kept.status).toBe(303);
    const moved = await submit(`/app/monitors/${id}`, session, intervalMonitor("form located moved", [["location", "apac"]]));
    expect(moved.status).toBe(400);
    expect(errorOf(await moved.text(), "f-location")).toContain("the location is fixed when a monitor is created (it is eeur)");
    expect((await api("GET", `/api/v1/monitors/${id}`)).body).toMatchObject({ name: "form located renamed", location: "eeur" });
  });

  it("channels and escalation steps at once: the API's rule, next to the escalation", async () => {
    const session = await signIn();
    const channel = await createWebhookChannel();
    const response = await submit("/app/monitors", session, [
      ...intervalMonitor("form both alerting forms"),
      ["channels", channel.id],
      ["escalation[0].after", "10m"],
      ["escalation[0].channels", channel.id],
    ]);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<fieldset class="rows" id="f-escalation">');
    expect(errorOf(html, "f-escalation")).toBe("use either channels or escalation, not both");
    expect(await monitorsNamed("form both alerting forms")).toEqual([]);
  });

  it("another team's monitor, an unknown or a malformed id: 404", async () => {
    const team = await createTeamWithKeys("form other team");
    const theirs = await api("POST", "/api/v1/monitors", { name: "form theirs", interval: "1h" }, bearer(team.write));
    const session = await signIn();
    for (const id of [theirs.body.id, "mon_aaaaaaaaaaaaaaaaaaaaaaaaaa", "nope"]) {
      expect((await page(`/app/monitors/${id}/edit`, session)).status).toBe(404);
      expect((await submit(`/app/monitors/${id}`, session, intervalMonitor("form hijack"))).status).toBe(404);
    }
    expect((await api("GET", `/api/v1/monitors/${theirs.body.id}`, undefined, bearer(team.read))).body.name).toBe("form theirs");
  });

  it("a read key's session may not save an edit", async () => {
    const team = await createTeamWithKeys("form read-only edit");
    const monitor = await api("POST", "/api/v1/monitors", { name: "form kept", interval: "1h" }, bearer(team.write));
    const reader = await signIn(team.read);
    const form = await page(`/app/monitors/${monitor.body.id}/edit`, reader);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("This session is read-only");
    expect((await submit(`/app/monitors/${monitor.body.id}`, reader, intervalMonitor("form changed"))).status).toBe(403);
    expect((await api("GET", `/api/v1/monitors/${monitor.body.id}`, undefined, bearer(team.read))).body.name).toBe("form kept");
  });
});

describe("GET /app/schedule-preview (the live preview's fragment)", () => {
  it("answers the panel for the form's fields, in the viewer's zone", async () => {
    const session = await signIn();
    const query = "schedule_kind=cron&schedule=*%2F5+9-17+*+*+1-5&timezone=Europe%2FBerlin&grace=1h&viewer_timezone=America%2FNew_York";
    const response = await page(`/app/schedule-preview?${query}`, session);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toMatch(/^<section id="schedule-preview"/);
    expect(html).toContain("every 5 minutes from 09:00 to 17:55 on Monday to Friday (Europe/Berlin)");
    expect(html).toContain("Yours (America/New_York)");
    expect(html).toContain('data-code="grace_longer_than_period"');
  });

  it("says why there is no preview, with the API's message", async () => {
    const session = await signIn();
    const response = await page("/app/schedule-preview?schedule_kind=cron&schedule=0+9+*+*&timezone=CET", session);
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain("schedule: must have 5 fields");
    expect(html).toContain("timezone: &quot;CET&quot; is not an IANA time zone name");
  });
});
