import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractSession, type Document } from "./contract-session";
import { useDevServerAndReceiver } from "./dev-server";
import {
  alertsAndDeliveries,
  badges,
  channels,
  everyKindEdited,
  monitors,
  previewAndStatusPage,
  teamAndPings,
  teamsKeysAndMetrics,
} from "./openapi-contract-steps";
import { type Prism, startPrism } from "./prism";

// A realistic session, every documented operation with a success and an error, through Stoplight Prism
// (an independent validator of requests and responses against the served document) in front of the real
// dev server. Any violation, any status the document does not list, or any operation left out fails.

const running = useDevServerAndReceiver();
let prism: Prism | undefined;
let session: ContractSession;

beforeAll(async () => {
  const server = running.server();
  prism = await startPrism(server.url);
  const document = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as Document;
  session = new ContractSession(prism.url, server.token, document);
}, 60_000);
afterAll(async () => {
  await prism?.stop();
});

describe("the OpenAPI document, as an independent validator sees the server", () => {
  it("every operation, with a success and an error, breaks nothing the document says", async () => {
    const receiver = running.receiver();
    const channel = await channels(session, receiver);
    await everyKindEdited(session);
    const monitor = await monitors(session, channel);
    const team = await teamAndPings(session, monitor);
    await alertsAndDeliveries(session, monitor, receiver);
    await badges(session, team);
    await previewAndStatusPage(session);
    await teamsKeysAndMetrics(session);

    expect(session.problems).toEqual([]);
    expect(session.uncovered()).toEqual([]);
    expect(session.operations().length).toBeGreaterThanOrEqual(60);
  }, 60_000);
});
