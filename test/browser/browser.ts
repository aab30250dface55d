import { accessSync, constants, mkdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

// The browser tests' harness: Debian's chromium (never a downloaded browser) driven by playwright-core,
// headless, against a real `npm run dev` on 127.0.0.1 started once for the project by the shared harness
// (dev-server-setup.ts, scripts/harness/).
// Where no chromium can be found, every test fails with the reason: CI must not pass without them.

/** The flags of ../shared/STACK-NOTES.md: no sandbox in a container, nothing fetched in the background. */
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** `LUBDUB_CHROMIUM`, else Debian's /usr/bin/chromium, else `chromium` on the PATH; throws saying where it looked. */
export function findChromium(): string {
  const fromEnv = process.env.LUBDUB_CHROMIUM;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new Error(`LUBDUB_CHROMIUM=${fromEnv} is not an executable file`);
  }
  const onPath = (process.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, "chromium"));
  const found = ["/usr/bin/chromium", ...onPath].find(executable);
  if (found) return found;
  throw new Error(
    "no chromium found for the browser tests (looked at $LUBDUB_CHROMIUM, /usr/bin/chromium and `chromium` on the PATH): " +
      "install Debian's with `apt-get install -y chromium` (.ci/run does), or set LUBDUB_CHROMIUM to a chromium binary",
  );
}

/** Launches Debian's chromium headless; a missing one is an error saying where it looked (findChromium). */
export async function launchChromium(): Promise<Browser> {
  return await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_FLAGS, timeout: 30_000 });
}

/** The shared dev server: its address and the admin token it was started with. */
export interface Server {
  url: string;
  token: string;
}

export interface BrowserRun {
  server: Server;
  browser: Browser;
  /** A fresh context (cookies, permissions) and a page in it, closed after the file. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/** The project's dev server (dev-server-setup.ts), started by the first file that asks. */
async function sharedDevServer(): Promise<Server> {
  const answer = await fetch(inject("browserDevServerEndpoint"), { signal: AbortSignal.timeout(120_000) });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`the dev server did not start: ${text}`);
  return JSON.parse(text) as Server;
}

/**
 * A chromium for every test of the file, closed afterwards, and the project's dev server. A failure to start
 * either is kept and thrown by `run()` in each test, so every test fails with the reason instead of being skipped.
 */
export function useBrowserAndServer(): () => BrowserRun {
  let started: BrowserRun | undefined;
  let failure: unknown;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    try {
      const { url, token } = await sharedDevServer();
      const browser = await launchChromium();
      const newPage = async (options: BrowserContextOptions = {}) => {
        const context = await browser.newContext({ baseURL: url, ...options });
        contexts.push(context);
        return context.newPage();
      };
      started = { server: { url, token }, browser, newPage };
    } catch (err) {
      failure = err;
    }
  }, 150_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await started?.browser.close();
  }, 60_000);
  return () => {
    if (started) return started;
    throw failure instanceof Error ? failure : new Error(`the browser tests could not start: ${String(failure)}`);
  };
}

const SCREENSHOTS = new URL("../../test-artifacts/screenshots/", import.meta.url).pathname;

/**
 * The page as `test-artifacts/screenshots/<name>.png` (gitignored), the whole of it unless `fullPage: false`
 * (the API docs are metres long). Returns the path.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** A phone (iPhone 12-14 size) in the dark theme, the two the issue asks screenshots of. */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const DARK: BrowserContextOptions = { colorScheme: "dark" };
