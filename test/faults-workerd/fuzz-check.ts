import { env } from "cloudflare:workers";
import { createApp } from "../../src/app";
import { monitorIdFromToken } from "../../src/ids";
import { ORIGIN } from "../helpers";
import { answerProblems, JsonBodyRule } from "./fuzz-answers";
import { type FuzzRequest, render } from "./fuzz-requests";
import {
  d1Tables,
  dumpD1,
  dumpObject,
  type Pools,
  readPools,
  resolveFrom,
  type Snapshot,
  snapshotDiff,
  type Table,
  trackObjects,
  watchBackgroundWork,
} from "./fuzz-state";

type App = ReturnType<typeof createApp>;

function tryDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const MONITOR_ID = /mon_[a-z2-7]{26}/g;

/** Monitor objects a request names: by a ping token, or by id anywhere in its path. */
function namedObjects(url: string): string[] {
  const path = tryDecode(new URL(url).pathname);
  const segments = path.split("/");
  const byToken = segments[1] === "ping" ? monitorIdFromToken(segments[2] ?? "") : null;
  return [...(byToken ? [byToken] : []), ...(path.match(MONITOR_ID) ?? [])];
}

/** Every this many requests, every live monitor's object is read whether or not the fuzzer saw it addressed. */
const FULL_CHECK_EVERY = 100;

/**
 * Sends fuzzed requests and checks each answer against the properties every request must keep. After
 * a rejected request (or any API read), D1 and every monitor object the request addressed (the app
 * names every object it reaches, and `get` is watched) or named in its URL must be as before.
 * After a request that legitimately changed something, that becomes the new baseline.
 */
export class FuzzTarget {
  /** Route pattern → status → count: what was fuzzed and what it answered. */
  readonly answers = new Map<string, Map<number, number>>();
  private d1: Snapshot = new Map();
  /** The last state seen of every monitor object the fuzzer knows of; "" when it holds nothing. */
  private readonly objects = new Map<string, string>();
  private readonly addressed = trackObjects();
  private readonly jsonBodies = new JsonBodyRule();
  private pools = {} as Pools;
  private readonly resolve = resolveFrom(() => this.pools);
  private checks = 0;

  private constructor(
    private readonly tables: Table[],
    private readonly replenish: (pools: Pools) => Promise<boolean>,
    private readonly app: App,
  ) {}

  /**
   * `replenish` re-creates fixtures the fuzzer deleted (and trims what it created), so real ids stay few
   * and available; it says whether it changed anything.
   */
  static async create(replenish: (pools: Pools) => Promise<boolean>, app: App = createApp()): Promise<FuzzTarget> {
    await watchBackgroundWork();
    const target = new FuzzTarget(await d1Tables(), replenish, app);
    await target.rebaseline();
    return target;
  }

  /** How many requests were built from `route` ("METHOD /pattern" or "random"). */
  hits(route: string): number {
    return [...(this.answers.get(route)?.values() ?? [])].reduce((a, b) => a + b, 0);
  }

  report(): string {
    const line = (route: string, statuses: Map<number, number>) =>
      `${route.padEnd(45)} ${String(this.hits(route)).padStart(5)}  ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}:${n}`)
        .join(" ")}`;
    return [...this.answers].map(([route, statuses]) => line(route, statuses)).join("\n");
  }

  async check(r: FuzzRequest): Promise<void> {
    const rendered = render(r, this.resolve);
    const named = namedObjects(rendered.url);
    await this.read(named.filter((id) => !this.objects.has(id))); // their state before
    this.addressed.clear();
    const response = await this.app.request(rendered.url, rendered.init, env);
    const text = await response.text();
    const statuses = this.answers.get(r.route) ?? new Map<number, number>();
    this.answers.set(r.route, statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1));
    const problems = [...answerProblems(r, rendered, response, text), ...this.jsonBodies.problems(r, rendered, response.status, text)];
    const readOnly = rendered.url.startsWith(`${ORIGIN}/api/`) && ["GET", "HEAD"].includes(r.method.toUpperCase());
    if (response.status < 400 && !readOnly) await this.rebaseline();
    else problems.push(...(await this.unchanged(response.status < 400 ? "a read" : `a rejected request (${response.status})`, named)));
    if (++this.checks % FULL_CHECK_EVERY === 0) problems.push(...(await this.fullCheck()));
    const alive = await this.app.request(`${ORIGIN}/`, {}, env);
    if (alive.status !== 200) problems.push(`the server stopped serving: GET / answered ${alive.status}`);
    if (problems.length > 0) {
      throw new Error(`${problems.join("\n")}\nrequest:\n${rendered.description}\nanswer: ${response.status} ${text.slice(0, 500)}`);
    }
  }

  /** Safety net: every live monitor's object against what the fuzzer last saw of it, addressed or not. */
  async fullCheck(): Promise<string[]> {
    const before = this.objectSnapshot(this.pools.monitor);
    await this.read(this.pools.monitor);
    const diff = snapshotDiff(before, this.objectSnapshot(this.pools.monitor));
    return diff ? [`an object changed without being addressed by name (in the last ${FULL_CHECK_EVERY} requests): ${diff}`] : [];
  }

  private objectSnapshot(ids: readonly string[]): Snapshot {
    return new Map(ids.map((id) => [`object ${id}`, this.objects.get(id) ?? ""]));
  }

  private async read(ids: readonly string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const dumps = await Promise.all(unique.map(dumpObject));
    unique.forEach((id, i) => {
      this.objects.set(id, dumps[i] ?? "");
    });
  }

  /** After a legitimate change: fixtures back, pools and D1 re-read, and every object addressed since (or new) re-read. */
  private async rebaseline(): Promise<void> {
    this.pools = await readPools();
    if (await this.replenish(this.pools)) this.pools = await readPools();
    const changed = [...this.addressed.names, ...this.pools.monitor.filter((id) => !this.objects.has(id))];
    this.addressed.clear();
    [this.d1] = await Promise.all([dumpD1(this.tables), this.read(changed)]);
  }

  /** D1, and every object the request addressed or named, as they were before it. An object never seen before held nothing. */
  private async unchanged(what: string, named: string[]): Promise<string[]> {
    const ids = [...new Set([...this.addressed.names, ...named])];
    this.addressed.clear();
    const before = new Map([...this.d1, ...this.objectSnapshot(ids)]);
    [this.d1] = await Promise.all([dumpD1(this.tables), this.read(ids)]);
    const diff = snapshotDiff(before, new Map([...this.d1, ...this.objectSnapshot(ids)]));
    return diff ? [`${what} changed the ${diff}`] : [];
  }
}
