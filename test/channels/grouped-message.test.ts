import { describe, expect, it } from "vitest";
import { groupsAlerts } from "../../src/channels/grouping";
import { alertMessage } from "../../src/channels/message";
import { channelTypes } from "../../src/channels/registry";
import { type AlertEventPayload, groupAlertEvents } from "../../src/domain/alert-event";
import { BASE_URL, CLOSED, context, OPENED, requestFor } from "./fixtures";

/** An alert storm's one message (domain/alert-group.ts): the chat kinds render it as a list through `alertMessage`. */
const member = (event: AlertEventPayload, i: number): AlertEventPayload => ({
  ...event,
  alert: { ...event.alert, id: `alt_${i}` },
  monitor: { ...event.monitor, id: `mon_${i}`, name: `job-${i}` },
});
const opened = (count: number) =>
  groupAlertEvents(
    "grp_1",
    Array.from({ length: count }, (_, i) => member(OPENED, i)),
  );

describe("the grouped message", () => {
  it("lists every monitor under one headline, and links to the monitors", () => {
    const message = alertMessage(opened(3), context());
    expect(message.title).toBe("3 monitors are DOWN");
    expect(message.text).toBe(
      "3 monitors are DOWN (many alerts at once, grouped into one message):\n• job-0 (missed)\n• job-1 (missed)\n• job-2 (missed)",
    );
    expect(message.link).toBe(`${BASE_URL}/monitors`);
  });

  it("a recovery says how long each was down", () => {
    const closed = groupAlertEvents("grp_2", [member(CLOSED, 0), member(CLOSED, 1)]);
    expect(alertMessage(closed, context()).text).toBe(
      "2 monitors are UP again (many alerts at once, grouped into one message):\n• job-0 after 2h 5m\n• job-1 after 2h 5m",
    );
  });

  it("lists at most 20 and counts the rest, so it stays inside every chat's limits", () => {
    const text = alertMessage(opened(250), context()).text;
    expect(text.split("\n")).toHaveLength(22);
    expect(text.endsWith("… and 230 more")).toBe(true);
  });

  it("a chat kind sends the list (Slack); the grouped event carries its members in `group`", async () => {
    const slack = await requestFor({ type: "slack", url: "https://hooks.slack.com/services/T0/B0/x" }, opened(6));
    expect((slack.json as { text: string }).text).toContain("• job-5 (missed)");
    const event = opened(2);
    expect(event.group?.alerts.map((alert) => alert.monitor.name)).toEqual(["job-0", "job-1"]);
  });
});

describe("which kinds group", () => {
  it("chat and push kinds do; paging kinds and the generic webhook keep one message per alert", () => {
    const grouping = Object.fromEntries(channelTypes().map((type) => [type, groupsAlerts(type)]));
    expect(grouping).toMatchObject({
      slack: true,
      discord: true,
      teams: true,
      ntfy: true,
      telegram: true,
      pagerduty: false,
      opsgenie: false,
      webhook: false,
    });
  });
});
