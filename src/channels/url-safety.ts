/**
 * Which URLs lubdub may call. Pure: no DNS (a Worker has no DNS API), so only what the URL itself says
 * is checked. A public name that resolves to a private address is not caught here; Cloudflare's own
 * egress does not reach private networks, which is the real protection in production.
 *
 * The WHATWG URL parser has already turned every IPv4 notation (decimal `2130706433`, hex `0x7f.1`,
 * octal `0177.0.0.1`, short `127.1`) into dotted form and IPv6 into compressed hex, so the host is
 * classified after parsing, never as typed.
 */

/** Names that only mean something inside a network (RFC 6761, RFC 6762, RFC 8375, common practice). */
const INTERNAL_SUFFIXES = ["localhost", "local", "localdomain", "internal", "intranet", "lan", "home.arpa"];

/** IPv4 ranges that are not the public internet (RFC 6890 and friends), with what to call them in an error. */
const PRIVATE_V4: readonly [string, string][] = [
  ["0.0.0.0/8", "a 'this network' address"],
  ["10.0.0.0/8", "a private address"],
  ["100.64.0.0/10", "a carrier-grade NAT address"],
  ["127.0.0.0/8", "a loopback address"],
  ["169.254.0.0/16", "a link-local address (cloud metadata lives here)"],
  ["172.16.0.0/12", "a private address"],
  ["192.0.0.0/24", "an IETF protocol address"],
  ["192.0.2.0/24", "a documentation address"],
  ["192.88.99.0/24", "a 6to4 relay address"],
  ["192.168.0.0/16", "a private address"],
  ["198.18.0.0/15", "a benchmarking address"],
  ["198.51.100.0/24", "a documentation address"],
  ["203.0.113.0/24", "a documentation address"],
  ["224.0.0.0/4", "a multicast address"],
  ["240.0.0.0/4", "a reserved or broadcast address"],
];

const V4_RANGES = PRIVATE_V4.map(([cidr, what]) => {
  const [base = "", bits = "0"] = cidr.split("/");
  return { base: parseV4(base) ?? 0, bits: Number(bits), what };
});

/** A dotted-quad IPv4 address as an unsigned 32-bit number, or null when `host` is not one. */
function parseV4(host: string): number | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function v4Problem(address: number): string | null {
  for (const range of V4_RANGES) {
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if ((address & mask) >>> 0 === (range.base & mask) >>> 0) return range.what;
  }
  return null;
}

/** An IPv6 address (without brackets) as its eight 16-bit groups, or null when malformed. */
export function parseV6(text: string): number[] | null {
  const halves = text.toLowerCase().split("::");
  if (halves.length > 2) return null;
  const groups = (half: string | undefined) => (half ? half.split(":") : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  // An embedded dotted IPv4 tail (`::ffff:1.2.3.4`) counts as two groups.
  const last = tail.length > 0 ? tail : head;
  const v4 = last.length > 0 ? parseV4(last[last.length - 1] ?? "") : null;
  if (v4 !== null) last.splice(last.length - 1, 1, ((v4 >>> 16) & 0xffff).toString(16), (v4 & 0xffff).toString(16));
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill("0"), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => Number.parseInt(g, 16));
}

const embeddedV4 = (g: number[]): number => ((g[6] ?? 0) * 0x10000 + (g[7] ?? 0)) >>> 0;
const isZero = (g: number[], from: number, to: number) => g.slice(from, to).every((x) => x === 0);

function v6Problem(g: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0] = g;
  if (isZero(g, 0, 5) && g[5] === 0xffff) return v4Problem(embeddedV4(g)) ?? null; // ::ffff:a.b.c.d, IPv4-mapped
  if (isZero(g, 0, 7) && (g[7] ?? 0) <= 1) return "a loopback or unspecified address";
  if (isZero(g, 0, 6)) return v4Problem(embeddedV4(g)) ?? "an IPv4-compatible address (deprecated)";
  if (g0 === 0x64 && g1 === 0xff9b && isZero(g, 2, 6)) return v4Problem(embeddedV4(g)); // NAT64 well-known prefix
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "a local-use NAT64 address";
  if (g0 === 0x2002) return v4Problem(((g1 << 16) >>> 0) + g2); // 6to4 embeds the IPv4 address
  if (g0 === 0x2001 && g1 === 0) return "a Teredo address";
  if (g0 === 0x2001 && g1 === 0xdb8) return "a documentation address";
  if ((g0 & 0xfe00) === 0xfc00) return "a unique-local (private) address";
  if ((g0 & 0xffc0) === 0xfe80) return "a link-local address";
  if ((g0 & 0xff00) === 0xff00) return "a multicast address";
  // Everything else outside 2000::/3 (global unicast) is reserved, site-local or otherwise not the internet.
  if ((g0 & 0xe000) !== 0x2000) return "a reserved address";
  return null;
}

function nameProblem(name: string): string | null {
  if (!name.includes(".")) return "a name without a dot (a local host name)";
  const internal = INTERNAL_SUFFIXES.find((suffix) => name === suffix || name.endsWith(`.${suffix}`));
  return internal ? `a local or internal name (.${internal})` : null;
}

/** Why calling this host from production would reach a private network, or null when it is a public target. */
export function hostProblem(hostname: string): string | null {
  // "localhost." is "localhost": trailing dots are the same name in DNS.
  const host = hostname.toLowerCase().replace(/\.+$/, "");
  if (host.startsWith("[") && host.endsWith("]")) {
    const groups = parseV6(host.slice(1, -1));
    return groups ? v6Problem(groups) : "a malformed IPv6 address";
  }
  const v4 = parseV4(host);
  if (v4 !== null) return v4Problem(v4);
  return nameProblem(host);
}

interface UrlPolicy {
  /** Development and tests: plain http and loopback/private targets are allowed. */
  allowInsecure: boolean;
}

/** Why lubdub must not call `url`, or null when it may. The one check for create, edit and every send. */
export function urlProblem(url: string, policy: UrlPolicy): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a valid URL";
  }
  if (parsed.protocol !== "https:" && !(policy.allowInsecure && parsed.protocol === "http:")) {
    return "must be https (plain http is allowed only when ALLOW_INSECURE_WEBHOOKS is on)";
  }
  if (policy.allowInsecure) return null;
  const problem = hostProblem(parsed.hostname);
  return problem ? `must be a public internet address: ${parsed.hostname} is ${problem}` : null;
}

/**
 * Why this deployment must not call `url`, or null when it may: checked on create, edit and every send.
 * Plain http and private, loopback or link-local targets are for local development only (ALLOW_INSECURE_WEBHOOKS).
 */
export function urlRefusal(url: string, env: Pick<Env, "ALLOW_INSECURE_WEBHOOKS">): string | null {
  return urlProblem(url, { allowInsecure: env.ALLOW_INSECURE_WEBHOOKS === "true" });
}
