import type { FC, PropsWithChildren } from "hono/jsx";
import type { Session } from "../services/sessions";
import { CSRF_FIELD, canWrite } from "./session-middleware";
import { STYLESHEET_PATH, scriptPath } from "./static";

export type NavArea = "monitors" | "alerts" | "channels" | "team";

const NAV: { area: NavArea; href: string; label: string }[] = [
  { area: "monitors", href: "/app/monitors", label: "Monitors" },
  { area: "alerts", href: "/app/alerts", label: "Alerts" },
  { area: "channels", href: "/app/channels", label: "Channels" },
  { area: "team", href: "/app/team", label: "Team" },
];

/** The hidden field that carries the session's CSRF token in every form that POSTs. */
export const CsrfField: FC<{ session: Session }> = ({ session }) => <input type="hidden" name={CSRF_FIELD} value={session.csrf} />;

const SessionBar: FC<{ session: Session }> = ({ session }) => (
  <div class="session">
    <span class="team" title="the team this session acts on">
      {session.teamId}
    </span>
    {!canWrite(session) && <span class="chip">read-only</span>}
    {session.scope === "super" && <a href="/app/switch-team">Switch team</a>}
    <form method="post" action="/app/sign-out">
      <CsrfField session={session} />
      <button type="submit" class="link">
        Sign out
      </button>
    </form>
  </div>
);

export interface LayoutProps {
  title: string;
  nonce: string;
  session?: Session;
  active?: NavArea;
  /** Monitors down in the team: shown in the title and the icon, so a background tab says it too. */
  downCount?: number;
  /** Client scripts of this page (names in static/index.ts), each loaded with the response's nonce. */
  scripts?: string[];
}

/** The tab's title and icon for a count of monitors down (the list's refresh script patches them too). */
export const pageTitle = (title: string, down: number): string => `${down > 0 ? `(${down} down) ` : ""}${title} · lubdub`;
export const faviconPath = (down: number): string => (down > 0 ? "/app/static/favicon-down.svg" : "/app/static/favicon.svg");

/** Every dashboard page: head, navigation, the session's bar, and the page's own content in <main>. */
export const Layout: FC<PropsWithChildren<LayoutProps>> = (props) => {
  const down = props.downCount ?? 0;
  const title = pageTitle(props.title, down);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        <link rel="icon" type="image/svg+xml" href={faviconPath(down)} />
        <link rel="stylesheet" href={STYLESHEET_PATH} />
        {(props.scripts ?? []).map((name) => (
          <script nonce={props.nonce} src={scriptPath(name)} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/app/monitors">
            lubdub
          </a>
          {props.session && (
            <nav aria-label="Dashboard">
              {NAV.map((item) => (
                <a href={item.href} aria-current={item.area === props.active ? "page" : undefined}>
                  {item.label}
                </a>
              ))}
            </nav>
          )}
          {props.session && <SessionBar session={props.session} />}
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
};
