import { describe, expect, it } from "vitest";
import { freePort } from "../../e2e/dev-server";
import { lubdub, lubdubJson, type Target, useReceiver, useTeam } from "../helpers";

// `lubdub channels` (and `alerts list`), run in-process against the real dev server and a local webhook
// receiver: what a person sees when the receiver takes a test message, refuses it, or is not there.
const target = useTeam("cli-channels");
const running = useReceiver();

const createHook = (server: Target, name: string, url: string) =>
  lubdubJson(server, ["channels", "create", "--type", "webhook", "--name", name, "--webhook-url", url]);

describe("lubdub channels", () => {
  it("lists alerts, manages channels", async () => {
    expect((await lubdubJson(target(), ["alerts", "list", "--status", "open"])).data).toEqual(expect.any(Array));
    const channel = await lubdubJson(target(), [
      "channels",
      "create",
      "--type",
      "webhook",
      "--name",
      "tmp-hook",
      "--webhook-url",
      "http://127.0.0.1:9/x",
    ]);
    expect(channel.events).toEqual(["opened", "closed", "reminder", "escalation"]);
    expect((await lubdubJson(target(), ["channels", "edit", "tmp-hook", "--name", "tmp-hook-2"])).name).toBe("tmp-hook-2");
    expect((await lubdubJson(target(), ["channels", "edit", "tmp-hook-2", "--events", "opened,escalation"])).events).toEqual([
      "opened",
      "escalation",
    ]);
    expect((await lubdubJson(target(), ["channels", "show", channel.id])).name).toBe("tmp-hook-2");
    expect((await lubdubJson(target(), ["channels", "list"])).data.map((c: { id: string }) => c.id)).toContain(channel.id);
    expect((await lubdub(target(), ["channels", "delete", "tmp-hook-2"])).code).toBe(0);
  });
});

describe("lubdub channels test", () => {
  it("exit 0 when the receiver takes the test message; exit 1 saying why when it refuses it or is not there", async () => {
    const [server, receiver] = [target(), running.receiver()];
    await createHook(server, "local-hook", receiver.url);
    const taken = await lubdub(server, ["channels", "test", "local-hook"]);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(/^ok:\s+true$/m);
    expect(taken.stdout).toMatch(/^status_code:\s+200$/m);
    expect(taken.stderr).toBe("");
    // The test is sent while the command waits: the receiver has it when lubdub exits, marked as a test.
    expect(receiver.events.map((event) => event.body)).toEqual([expect.objectContaining({ type: "alert.opened", test: true })]);

    receiver.state.accepting = false;
    const refused = await lubdub(server, ["channels", "test", "local-hook"]);
    receiver.state.accepting = true;
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^ok:\s+false$/m);
    expect(refused.stdout).toMatch(/^status_code:\s+503$/m);
    expect(refused.stderr).toBe("error: the receiver did not accept the test message: HTTP 503: down\n");
    expect(receiver.state.refused).toBe(1);

    await createHook(server, "nobody-home", `http://127.0.0.1:${await freePort()}/hook`);
    const away = await lubdub(server, ["--json", "channels", "test", "nobody-home"]);
    expect(away.code).toBe(1);
    expect(JSON.parse(away.stdout)).toMatchObject({ ok: false, status_code: null, error: expect.stringMatching(/^network error/) });
    expect(away.stderr).toMatch(/^error: the receiver did not accept the test message: network error/);
  });
});
