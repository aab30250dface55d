import fc from "fast-check";
import { ADMIN_TOKEN } from "../helpers";

/** The admin token as clients get it right and wrong; `valid` says whether the server should accept it. */
interface Authorization {
  /** Each value is sent as its own Authorization header. */
  values: string[];
  valid: boolean;
}

const authorization: fc.Arbitrary<Authorization> = fc.oneof(
  { weight: 10, arbitrary: fc.constant<Authorization>({ values: [`Bearer ${ADMIN_TOKEN}`], valid: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Authorization>(
      { values: [`bearer ${ADMIN_TOKEN}`], valid: true },
      { values: [`Bearer   ${ADMIN_TOKEN}  `], valid: true },
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Authorization>(
      { values: [], valid: false },
      { values: ["Bearer wrong"], valid: false },
      { values: [`Bearer ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}`], valid: false },
      { values: [`Basic ${btoa(`admin:${ADMIN_TOKEN}`)}`], valid: false },
      { values: [`Bearer ${ADMIN_TOKEN}x`], valid: false },
      { values: [`Bearer ${"x".repeat(10_000)}`], valid: false },
      { values: [ADMIN_TOKEN], valid: false },
    ),
  },
);

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "text/plain",
  "application/x-www-form-urlencoded",
];
const ODD_CONTENT_TYPES = [
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/octet-stream",
  "",
  "garbage/;;;",
];

const EXTRA_HEADERS: [string, string][] = [
  ["content-encoding", "gzip"],
  ["x-forwarded-for", "1.2.3.4, 5.6.7.8"],
  ["cf-connecting-ip", "not-an-ip"],
  ["user-agent", "u".repeat(20_000)],
  ["origin", "https://evil.example"],
  ["accept", "text/html"],
  ["if-none-match", "*"],
  ["range", "bytes=0-1"],
  ["x-http-method-override", "DELETE"],
  ["content-length", "0"],
  ["content-length", "99999999"],
  ["access-control-request-method", "DELETE"],
];

export const headers = fc.record({
  authorization,
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  extra: fc.array(
    fc.oneof(fc.constantFrom(...EXTRA_HEADERS), fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.stringMatching(/^[ -~]{0,50}$/))),
    { maxLength: 2 },
  ),
});
export type FuzzHeaders = typeof headers extends fc.Arbitrary<infer T> ? T : never;
