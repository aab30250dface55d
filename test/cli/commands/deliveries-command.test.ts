import { describe, expect, it } from "vitest";
import { waitFor } from "../../e2e/dev-server";
import { api, lubdub, lubdubJson, type Target, useReceiver, useTeam } from "../helpers";

// `lubdub deliveries retry` (and `alerts show`), run in-process against the real dev server and a local
// webhook receiver that refuses the first attempt.
const target = useTeam("cli-deliveries");
const running = useReceiver();

const createHook = (server: Target, name: string, url: string) =>
  lubdubJson(server, ["channels", "create", "--type", "webhook", "--name", name, "--webhook-url", url]);

describe("lubdub deliveries retry", () => {
  it("an alert's refused notification, pending in `alerts show`, is sent again by hand with the same webhook-id", async () => {
    const [server, receiver] = [target(), running.receiver()];
    receiver.state.accepting = false;
    // The receiver asks for an hour's wait, so lubdub's own next attempt comes long after the test: only
    // `deliveries retry` can deliver the message within it.
    receiver.state.retryAfter = 3600;
    await createHook(server, "retried-hook", receiver.url);
    const monitor = ["monitors", "create", "--name", "goes-down", "--slug", "goes-down", "--interval", "1s", "--grace", "1s"];
    const { id: monitorId } = await lubdubJson(server, [...monitor, "--channel", "retried-hook"]);
    expect((await lubdub(server, ["ping", "goes-down"])).code).toBe(0);

    // Silent for 2 s, the monitor goes down; the alert and its refused attempt reach D1, where the CLI reads them.
    // (Polled through the API: a lubdub process per poll would only slow the wait down.)
    const delivery = async () => {
      const alertId: string | undefined = (await api(server, "GET", `/api/v1/alerts?monitor_id=${monitorId}`)).body.data[0]?.id;
      return alertId === undefined
        ? undefined
        : { alertId, ...(await api(server, "GET", `/api/v1/alerts/${alertId}/deliveries`)).body.data[0] };
    };
    await waitFor(async () => (await delivery())?.attempts === 1, 20_000, "the alert's first, refused attempt");
    const refused = await delivery();
    if (!refused) throw new Error("no delivery");
    expect(refused).toMatchObject({ event_type: "alert.opened", status: "pending", last_status_code: 503 });
    // The refused attempt carried the delivery's id as its webhook-id; one attempt, no automatic retry yet.
    expect(receiver.state.refusedIds.filter((id) => id === refused.id)).toHaveLength(1);
    const shown = await lubdub(server, ["alerts", "show", refused.alertId]);
    expect(shown.stdout).toMatch(/^status:\s+open$/m);
    expect(shown.stdout).toMatch(new RegExp(`^${refused.id}\\s+\\S+\\s+alert\\.opened\\s+pending\\s+1\\s+503\\s+HTTP 503: down$`, "m"));

    receiver.state.accepting = true;
    const retried = await lubdub(server, ["deliveries", "retry", refused.id]);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toMatch(new RegExp(`^id:\\s+${refused.id}$`, "m"));
    expect(retried.stdout).toMatch(/^status:\s+pending$/m);
    const sent = () => receiver.events.filter((event) => event.headers["webhook-id"] === refused.id);
    await waitFor(() => sent().length === 1, 10_000, "the retried message");
    expect(sent()[0]?.body).toMatchObject({ type: "alert.opened", alert: { id: refused.alertId } });
    await waitFor(async () => (await delivery())?.status === "delivered", 10_000, "the delivery recorded as delivered");
    const after = await lubdub(server, ["alerts", "show", refused.alertId]);
    expect(after.stdout).toMatch(new RegExp(`^${refused.id}\\s+\\S+\\s+alert\\.opened\\s+delivered\\s+2\\s+200`, "m"));
    expect((await lubdubJson(server, ["monitors", "pause", "goes-down"])).status).toBe("paused");

    const unknown = await lubdub(server, ["deliveries", "retry", "dlv_nosuchdelivery"]);
    expect(unknown).toMatchObject({ code: 1, stderr: "error: delivery not found (not_found, HTTP 404)\n" });
  });
});
