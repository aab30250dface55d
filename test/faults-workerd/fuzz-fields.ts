import fc from "fast-check";
import { fromPlain, type JsonLike, PoolRef } from "./fuzz-json";

/**
 * Values at the edges of what each known field accepts: the largest and smallest valid ones, the first
 * invalid ones past them, and valid values the domain finds hard (a cron that fires once every four
 * years, a zone at UTC+14, a window in year 9999). A 5xx hides behind an accepted value more often
 * than behind a refused one.
 */

const durations = [
  0,
  1,
  "1s",
  "0s",
  59,
  "59s",
  60,
  "1m",
  86_400,
  "1d",
  "7d",
  "30d",
  "365d",
  31_536_000,
  31_536_001,
  "366d",
  "9999999999s",
  null,
];
const channel = (pick: number) => new PoolRef("channel", pick);
const windowOnce = (starts_at: string, ends_at: string) => ({ starts_at, ends_at });
const windowCron = (cron: string, duration: unknown, timezone?: string) => ({ cron, duration, ...(timezone ? { timezone } : {}) });

const maintenance = [
  [windowOnce("0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z")],
  [windowOnce("9999-12-31T00:00:00Z", "9999-12-31T23:59:59.999Z")],
  [windowOnce("2099-12-31T00:00:00Z", "2101-01-01T00:00:00Z")],
  [windowOnce("2100-01-01T00:00:00+14:00", "2100-01-01T00:00:00-12:00")],
  [windowOnce("2100-01-01T00:00:00Z", "2100-01-01T00:00:00Z")],
  [windowCron("* * * * *", "7d")],
  [windowCron("0 0 29 2 *", 60, "Pacific/Kiritimati")],
  [windowCron("30 2 * * *", "1h", "Europe/Berlin")],
  [windowCron("0 0 31 2 *", "1h")],
  Array.from({ length: 20 }, (_, i) => windowCron(`${i} * * * *`, 60)),
  Array.from({ length: 21 }, (_, i) => windowCron(`${i} * * * *`, 60)),
];

const MONITOR_FIELDS: Record<string, unknown[]> = {
  name: ["a", "x".repeat(200), "   a   ", "\u0000", "😀".repeat(200)],
  slug: ["a", "a".repeat(100), "a".repeat(101), "UPPER", "fuzz-1", "-", "_", null],
  interval: durations,
  grace: durations,
  early_tolerance: durations,
  max_runtime: durations,
  remind_every: durations,
  schedule: [
    "0 0 29 2 *",
    "0 0 31 2 *",
    "* * * * *",
    "59 23 31 12 *",
    "@yearly",
    "@reboot",
    "0 0 L * *",
    "0 0 * * 5#5",
    "30 2 * * *",
    "0 0 1 13 *",
    "1-60 * * * *",
  ],
  timezone: [
    "Europe/Berlin",
    "Pacific/Kiritimati",
    "Etc/GMT-14",
    "Etc/GMT+12",
    "utc",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "",
    "Local",
  ],
  maintenance,
  failure_threshold: [1, 100, 101, 0],
  recovery_threshold: [1, 100, 101, 0],
  ping_log_size: [1, 1000, 1001],
  success_keywords: [[""], ["x".repeat(200)], Array(20).fill("k"), Array(21).fill("k"), ["\u0000"]],
  failure_keywords: [["ERR"], ["x".repeat(201)], Array(20).fill("e")],
  channels: [
    [],
    [channel(0), channel(1)],
    [channel(0), channel(0)],
    Array.from({ length: 21 }, (_, i) => `chn_${"a".repeat(25)}${"abcdefghijklmnopqrstuvwxyz"[i]}`),
  ],
  escalation: [
    Array.from({ length: 10 }, (_, i) => ({ after: `${i}d`, channels: [channel(i)] })),
    Array.from({ length: 11 }, (_, i) => ({ after: `${i}d`, channels: [channel(i)] })),
    [{ after: "30d", channels: [channel(0)] }],
    [
      { after: "0s", channels: [channel(0)] },
      { after: "0s", channels: [channel(1)] },
    ],
  ],
  enabled: [true, false],
  manual_resume: [true, false],
  summary: [null, "", "x".repeat(1000), "x".repeat(1001)],
};

const CHANNEL_FIELDS: Record<string, unknown[]> = {
  url: [
    "http://127.0.0.1:1/",
    "https://[::1]/",
    "https://x:99999/",
    "http://user:pass@host.test/",
    "https://xn--nxasmq6b.test/",
    `https://x.test/${"a".repeat(2030)}`,
  ],
  headers: [
    Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`X-${i}`, "v".repeat(1000)])),
    { "X-A": "v\r\nX-B: 1" },
    { "X A": "1" },
    { Host: "x" },
    {},
  ],
  secret: [`whsec_${"A".repeat(32)}`, `whsec_${"A".repeat(31)}`, "whsec_", null],
  chat_id: [0, -1, 2 ** 53, 1e20, "@abc", "@abcde", "-100123"],
  server: ["https://ntfy.test", "https://ntfy.test/", "http://ntfy.test:0"],
  token: [null, "tk_x", "t".repeat(200), "t".repeat(201)],
  region: ["us", "eu", "EU"],
  severity: ["critical", "info", "debug"],
  type: ["webhook", "slack", "ntfy", "WEBHOOK"],
};

const TEAM_FIELDS: Record<string, unknown[]> = {
  default_channels: [null, [], [channel(0)], [`chn_${"a".repeat(26)}`], [channel(0), channel(0)]],
  create_on_ping: [true, false, "true", 1],
  rotate_ping_key: [true, false],
  maintenance,
  status_page: [null, { tag: "prod" }, { tag: "Prod" }, { tag: "" }, {}, "prod", { tag: "prod", extra: 1 }],
  rotate_status_page_key: [true, false],
  alert_grouping: [
    {},
    { enabled: true },
    { threshold: 0 },
    { threshold: 1000 },
    { window: "9s" },
    { window: "1h" },
    { window: "1h1s" },
    { extra: 1 },
    null,
    "on",
  ],
};

const FIELDS: Record<string, Record<string, unknown[]>> = { monitors: MONITOR_FIELDS, channels: CHANNEL_FIELDS, team: TEAM_FIELDS };

/** A known field of the resource, set to one of its edge values. */
export function fieldEdge(resource: string): fc.Arbitrary<{ field: string; value: JsonLike }> {
  const fields = Object.entries(FIELDS[resource] ?? MONITOR_FIELDS);
  return fc
    .constantFrom(...fields)
    .chain(([field, values]) => fc.constantFrom(...values).map((value) => ({ field, value: fromPlain(value) })));
}
