import { describe, expect, it } from "vitest";
import { BODY_MAX, referencedNames, renderTemplate, VALUE_MAX, worstCaseLength } from "../../../src/channels/template/render";
import { HOSTILE_SAMPLE, TEMPLATE_VARIABLES, templateValues } from "../../../src/channels/template/variables";
import { ALERT_ID, CLOSED, context, MONITOR_ID, MONITOR_URL, OPENED } from "../fixtures";

// The templated webhook's renderer (src/channels/template/): {{variables}}, escaped per content type.

const hostile = `"quote' \\ back\nnew </script> & a=b+c%`;

describe("template variables", () => {
  it("hold the event's facts as strings, empty when absent", () => {
    const open = templateValues(OPENED, context());
    expect(open).toMatchObject({
      "event.type": "alert.opened",
      "event.id": "evt_test",
      "event.test": "false",
      "alert.id": ALERT_ID,
      "alert.reason": "missed",
      "alert.closed_at": "",
      "alert.close_reason": "",
      "monitor.id": MONITOR_ID,
      "monitor.name": "db <backup> & co",
      "monitor.tags": "backup,prod",
      "monitor.expected": "every 1m",
      "monitor.grace": "30",
      "monitor.url": MONITOR_URL,
      "message.title": "db <backup> & co is DOWN",
    });
    expect(Object.keys(open).sort()).toEqual(Object.keys(TEMPLATE_VARIABLES).sort());
    expect(templateValues(CLOSED, context({ publicBaseUrl: null, test: true }))).toMatchObject({
      "alert.closed_at": CLOSED.alert.closed_at,
      "alert.close_reason": "ping",
      "monitor.url": "",
      "event.test": "true",
    });
  });
});

describe("renderTemplate", () => {
  const values = { "monitor.name": hostile, "alert.id": "alt_1" };

  it("JSON: values are escaped inside their string, so the body still parses and says the same text", () => {
    const body = renderTemplate('{"name":"{{monitor.name}}","id":"{{ alert.id }}"}', values, "application/json");
    expect(JSON.parse(body)).toEqual({ name: hostile, id: "alt_1" });
    expect(body).not.toContain("</script>");
    expect(body).toContain("\\u003c/script\\u003e \\u0026");
  });

  it("form: values are percent-encoded, so they cannot add a field", () => {
    const body = renderTemplate("name={{monitor.name}}&id={{alert.id}}", values, "application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({ name: hostile, id: "alt_1" });
  });

  it("text/plain: values go in as they are", () => {
    expect(renderTemplate("{{monitor.name}}!", values, "text/plain")).toBe(`${hostile}!`);
  });

  it("cuts each value to its limit", () => {
    const body = renderTemplate("{{monitor.name}}", { "monitor.name": "x".repeat(VALUE_MAX + 10) }, "text/plain");
    expect(body).toBe(`${"x".repeat(VALUE_MAX - 1)}…`);
  });

  it("finds every reference, spaces inside the braces allowed", () => {
    expect(referencedNames("{{a}} {{ b.c }} {{a}} }} {{")).toEqual(["a", "b.c", "a"]);
  });

  it("the worst case counts each value at its longest, escaped", () => {
    expect(worstCaseLength('{"a":"{{x}}"}', "application/json")).toBe(8 + VALUE_MAX * 6);
    expect(worstCaseLength("{{x}}", "text/plain")).toBe(VALUE_MAX);
    expect(worstCaseLength("{{x}}".repeat(30), "application/json")).toBeGreaterThan(BODY_MAX);
  });

  it("the sample used on save breaks an unquoted JSON value", () => {
    expect(() => JSON.parse(renderTemplate('{"a":{{x}}}', { x: HOSTILE_SAMPLE }, "application/json"))).toThrow();
  });
});
