import { afterAll, beforeAll } from "vitest";
import { admin } from "../../scripts/harness/admin.mjs";
import { type DevServer, freePort, newStateFolder, startDevServer, waitFor } from "../../scripts/harness/dev-server.mjs";
import { startReceiver as startHarnessReceiver, type WebhookEvent } from "../../scripts/harness/receiver.mjs";

// The e2e tests' view of the shared harness (scripts/harness/): the dev server starter, the admin API, and
// a receiver that can play "down".
export { admin, type DevServer, freePort, newStateFolder, startDevServer, waitFor };

interface ReceivedEvent {
  headers: Record<string, string | string[] | undefined>;
  /** `test`: the message of `POST /channels/:id/test`. */
  body: WebhookEvent;
}

/**
 * A local webhook receiver that takes every event, until `state.accepting` is switched off: then it acts
 * like a receiver that is down (503, with `Retry-After: <retryAfter>` when set), and `refusedIds` has the
 * `webhook-id` of each message it refused.
 */
export async function startReceiver() {
  const events: ReceivedEvent[] = [];
  const state = { accepting: true, refused: 0, refusedIds: [] as string[], retryAfter: null as number | null };
  const receiver = await startHarnessReceiver({
    plan: (request) => {
      if (state.accepting) {
        if (request.body) events.push({ headers: request.headers, body: request.body });
        return { status: 200 };
      }
      state.refused++;
      state.refusedIds.push(request.webhookId);
      const headers: Record<string, string> = state.retryAfter === null ? {} : { "retry-after": String(state.retryAfter) };
      return { status: 503, headers, body: "down" };
    },
  });
  return { url: receiver.url, events, state, close: receiver.close };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * A dev server and a local receiver for every test of the file, stopped afterwards. Read them
 * through the returned getters: they exist only once `beforeAll` has run.
 */
export function useDevServerAndReceiver(): { server: () => DevServer; receiver: () => Receiver } {
  let server: DevServer | undefined;
  let receiver: Receiver | undefined;
  beforeAll(async () => {
    [server, receiver] = await Promise.all([startDevServer(), startReceiver()]);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the dev server is not started (use inside a test)");
    return value;
  };
  return { server: () => started(server), receiver: () => started(receiver) };
}
