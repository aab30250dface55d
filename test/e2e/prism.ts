import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { freePort, waitFor } from "./dev-server";

// Stoplight Prism as a validating proxy: an independent reading of our OpenAPI document (its own router,
// its own JSON Schema validator), between a client and the dev server. Prism forwards every request and
// reports what breaks the document in an `sl-violations` header: the request (a body, a parameter, a
// content type, the security scheme, a path it cannot route) and the response (a status it does not
// list, a body, a header).

const root = join(import.meta.dirname, "../..");

interface Violation {
  location: string[];
  severity: string;
  message: string;
}

export interface Prism {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `prism proxy <document URL> <upstream>` on a free port; resolves once it listens. */
export async function startPrism(upstream: string): Promise<Prism> {
  const port = await freePort();
  const args = ["proxy", `${upstream}/api/v1/openapi.json`, upstream, "--port", String(port), "--host", "127.0.0.1"];
  const child: ChildProcess = spawn(join(root, "node_modules/.bin/prism"), args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  try {
    await waitFor(() => output.includes("Prism is listening") || child.exitCode !== null, 30_000, "Prism to listen");
    if (child.exitCode !== null) throw new Error(`Prism exited (${child.exitCode})`);
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : err}\n--- Prism output ---\n${output}`);
  }
  return { url: `http://127.0.0.1:${port}`, output: () => output, stop };
}

/** Prism's prefix when its list would exceed 8 KB: it then sends the list's first 8 KB, no longer valid JSON. */
const TRUNCATED = "Too many violations! ";

/**
 * The violations Prism reported for one exchange (none: no header). A cut list (a deliberately invalid channel
 * body is checked against each of the 24 kinds' schemas) is judged by what is left of it: one violation of the
 * response if any is named in it, else one of the request.
 */
export function violationsOf(res: Response): Violation[] {
  const header = res.headers.get("sl-violations");
  if (!header) return [];
  if (!header.startsWith(TRUNCATED)) return JSON.parse(header) as Violation[];
  const listed = header.slice(TRUNCATED.length);
  const side = listed.includes('"location":["response"') ? "response" : "request";
  return [{ location: [side], severity: "Error", message: `Prism cut its list of violations: ${listed.slice(0, 300)}` }];
}
