import fc from "fast-check";
import { fromPlain, type JsonLike, JsonObject, PoolRef, RawJson } from "./fuzz-json";

/** Any Unicode text but U+FFFD: the fuzzer sends none, so one in an answer means the server replaced something it should have refused. */
export const anyText = (maxLength: number) => fc.string({ unit: "binary", maxLength }).map((s) => s.replaceAll("\uFFFD", "?"));

/** Like anyText, with lone surrogates too: JSON can carry them ("\ud800"), UTF-8 cannot. */
const loneSurrogateOrChar = fc.oneof(
  { weight: 10, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF"),
);
const anyJsonString = (maxLength: number) => fc.string({ unit: loneSurrogateOrChar, maxLength }).map((s) => s.replaceAll("\uFFFD", "?"));

const deepArray = (depth: number) => new RawJson(`${"[".repeat(depth)}${"]".repeat(depth)}`);
const deepObject = (depth: number) => new RawJson(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);

/** Numbers JSON.stringify cannot write, and the edge cases of JSON's number grammar. */
const rawNumbers = ["1e309", "-1e309", "1e-400", "-0", "9007199254740993", "1E3", "0.0000001", "123456789012345678901234567890"].map(
  (text) => new RawJson(text),
);

/** Lone surrogates and escapes that only exist in JSON text. */
const rawStrings = ['"\\ud800"', '"\\udfff x"', '"\\u0000"', '"a\\u0000b"', '"\\/"'].map((text) => new RawJson(text));

const nastyStrings = [
  ...["", " ", "0", "-1", "1.5", "NaN", "Infinity", "-Infinity", "1e309", "null", "true", "[]", "{}"],
  // Durations: negative, fractional, spaced, upper case, overflowing.
  ...["-5s", "1.5m", "5 m", " 5m ", "5M", "0s", "-0s", "1e3s", "999999999d", "9999999999s", "5", "0x10", "5s5m", "PT5M"],
  // Ids: of every kind, well-formed but unknown, malformed.
  ...["mon_aaaaaaaaaaaaaaaaaaaaaaaaaa", "chn_aaaaaaaaaaaaaaaaaaaaaaaaaa", "chn_AAAAAAAAAAAAAAAAAAAAAAAAAA", "chn_", "chn_1", "alt_zzzz"],
  // Cron, time zones, times.
  ...["*/5 * * * *", "@reboot", "61 * * * *", "* * * * * * *", "0 0 31 2 *", "Mars/Phobos", "UTC", "Europe/Berlin", "../../etc/passwd"],
  ...["2100-01-01T00:00:00Z", "2100-13-45T99:99:99Z", "1970-01-01T00:00:00+25:00", "275760-09-13T00:00:00Z"],
  // Names that mean something to JavaScript, SQL, HTML or URLs.
  ...["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "'; DROP TABLE monitors; --", "<script>x</script>"],
  ...["%00", "%ff", "\u0000", "\r\nX-Injected: 1", "\u202e", "😀".repeat(50), "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
  ...[
    "http://",
    "https://169.254.169.254/latest/meta-data/",
    "javascript:alert(1)",
    "ftp://x",
    "http://[::1]/",
    "https://x/".padEnd(3000, "a"),
  ],
];

/** A value a field should never accept, or only just: wrong types, edges, huge, deep. */
export const nastyValue: fc.Arbitrary<JsonLike> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<JsonLike>(...nastyStrings) },
  { weight: 3, arbitrary: fc.constantFrom<JsonLike>(...rawNumbers, ...rawStrings) },
  { weight: 3, arbitrary: fc.constantFrom<JsonLike>(-1, 0, 0.5, 1.5, -5, 1, 2 ** 31, 2 ** 53, Number.MAX_VALUE, true, false, null) },
  { weight: 2, arbitrary: fc.constantFrom<JsonLike>([], [null], fromPlain({}), fromPlain({ a: 1 }), [1, "a", true], [[[]]]) },
  { weight: 1, arbitrary: fc.constantFrom<JsonLike>(deepArray(100), deepArray(10_000), deepObject(1000), deepObject(10_000)) },
  { weight: 1, arbitrary: fc.constantFrom<JsonLike>("x".repeat(201), "x".repeat(10_000), "é".repeat(30_000), "x".repeat(70_000)) },
  { weight: 1, arbitrary: fc.constantFrom<JsonLike>(new JsonObject([["__proto__", fromPlain({ enabled: false, admin: true })]])) },
  { weight: 2, arbitrary: anyJsonString(40) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double()) },
  { weight: 1, arbitrary: fc.nat(3).map((pick) => new PoolRef("channel", pick)) },
  { weight: 1, arbitrary: fc.nat(3).map((pick) => new PoolRef("monitor", pick)) },
);

/** Keys a schema must refuse, or must not be fooled by. */
export const nastyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "", " name", "NAME", "id", "type", "ping_token"),
  fc.constantFrom("created_at", "status", "team_id", "config", "a".repeat(1000), "x-a", "X-A", "Content-Type", "webhook-id"),
  anyJsonString(20),
);

const maintenance = [
  { starts_at: "2100-01-02T00:00:00Z", ends_at: "2100-01-02T01:00:00Z" },
  { cron: "0 3 * * *", timezone: "Europe/Berlin", duration: "1h" },
];

/** Bodies the API accepts, per resource; the fuzzer mutates them. */
const TEMPLATES: Record<string, unknown[]> = {
  monitors: [
    { name: "fuzz", interval: "5m", grace: "1m" },
    { name: "fuzz cron", schedule: "*/5 * * * *", timezone: "Europe/Berlin", grace: 60, max_runtime: "1h", early_tolerance: "30s" },
    { name: "fuzz all", interval: 3600, failure_threshold: 2, recovery_threshold: 3, summary: "s", enabled: true, manual_resume: true },
    { name: "fuzz words", interval: "1d", success_keywords: ["OK"], failure_keywords: ["ERR"], ping_log_size: 50, remind_every: "1h" },
    { name: "fuzz windows", interval: "2h", maintenance, slug: "fuzz-slug" },
    {
      name: "fuzz esc",
      interval: 60,
      escalation: [
        { after: "0s", channels: [new PoolRef("channel", 0)] },
        { after: "15m", channels: [new PoolRef("channel", 1)] },
      ],
    },
    { name: "fuzz channels", interval: 60, channels: [new PoolRef("channel", 0)] },
  ],
  channels: [
    { type: "webhook", name: "hook", url: "http://receiver.test/hook", secret: `whsec_${"A".repeat(43)}=`, headers: { "X-A": "1" } },
    { type: "slack", name: "slack", url: "https://hooks.slack.test/services/x" },
    { type: "discord", name: "discord", url: "https://discord.test/api/webhooks/1/x" },
    { type: "teams", name: "teams", url: "https://teams.test/workflows/x" },
    { type: "pagerduty", name: "pd", routing_key: "a".repeat(32), severity: "error" },
    { type: "opsgenie", name: "og", api_key: "k".repeat(32), region: "eu", priority: "P2" },
    { type: "ntfy", name: "ntfy", topic: "lubdub-fuzz", server: "https://ntfy.test", token: "tk_x" },
    { type: "telegram", name: "tg", bot_token: `123456:${"A".repeat(35)}`, chat_id: -100123 },
  ],
  team: [{ create_on_ping: true }, { create_on_ping: false }, { rotate_ping_key: true }, { maintenance }, { maintenance: [] }],
  other: [{}, { name: "x" }],
};

export const jsonTemplate = (resource: string): fc.Arbitrary<JsonLike> =>
  fc.constantFrom(...(TEMPLATES[resource] ?? TEMPLATES.other ?? [])).map(fromPlain);

/** Texts that are not JSON, or not what a JSON parser expects. */
export const notJsonText = fc.constantFrom(
  "{not json",
  '{"name":"x",}',
  '{"name":"x"',
  "{'name':'x'}",
  '{"name":"x"}{"name":"y"}',
  '\uFEFF{"name":"x","interval":60}',
  "NaN",
  "undefined",
  "name=x&interval=60",
  '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--',
  "\u0000\u0001\u0002",
  "[",
  "]",
  '"',
  "1e309",
  '{"name":"x","interval":60,"name":5}',
  '{"__proto__":{"name":"x","interval":60}}',
  '{"constructor":{"prototype":{"polluted":true}},"name":"x","interval":60}',
);

/** Bytes that are not valid UTF-8: stray continuation, overlong, surrogates, truncated sequences. */
export const invalidUtf8 = fc.constantFrom<number[]>(
  [0xff],
  [0xfe, 0xff],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80, 0x80, 0x80],
);
