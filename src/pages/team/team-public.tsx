/** The team page's public sections: badge snippets and the status page setting. */
import type { FC } from "hono/jsx";
import { FieldError } from "../admin-parts";
import { CsrfField } from "../layout";
import { errorsOf, type SectionProps, typedValue } from "./team-sections";

export const Badges: FC<SectionProps> = ({ team, session, writable }) => {
  const base = team.badge_url.replace(/\/<slug or id>\.svg$/, "");
  const monitorBadge = `${base}/<slug or id>.svg`;
  const tagBadge = `${base}/tag/<tag>.svg`;
  return (
    <section aria-labelledby="badges">
      <h2 id="badges">Status badges</h2>
      <p>
        Badge key: <code>{team.badge_key}</code> <span class="muted">(shows names and statuses, nothing else)</span>
      </p>
      <h3>Markdown</h3>
      <pre class="snippet">{`![status](${monitorBadge})\n![status](${tagBadge})`}</pre>
      <h3>HTML</h3>
      <pre class="snippet">{`<img src="${monitorBadge}" alt="status">\n<img src="${tagBadge}" alt="status">`}</pre>
      <p class="muted">Add .json instead of .svg for the shields.io endpoint format.</p>
      {writable && (
        <form method="post" action="/app/team/badge-key/rotate">
          <CsrfField session={session} />
          <button type="submit">Rotate badge key</button> <span class="hint">Badge URLs with the old key stop working.</span>
        </form>
      )}
    </section>
  );
};

export const StatusPage: FC<SectionProps> = ({ team, session, writable, failed }) => {
  const errors = errorsOf(failed, "status-page");
  const page = team.status_page;
  const tagForm = (
    <form method="post" action="/app/team/status-page">
      <CsrfField session={session} />
      <label for="sp-tag">
        Tag <span class="hint">the page shows the monitors with this tag</span>
      </label>
      <input
        type="text"
        id="sp-tag"
        name="tag"
        value={typedValue(failed, "status-page", "tag") ?? page?.tag}
        aria-describedby="sp-tag-error"
      />
      <FieldError id="sp-tag-error" field="status_page" errors={errors} />
      <div class="actions">
        <button type="submit" class="primary">
          {page ? "Change tag" : "Turn on status page"}
        </button>
      </div>
    </form>
  );
  return (
    <section aria-labelledby="status-page">
      <h2 id="status-page">Public status page</h2>
      <p class="muted">
        One tag's monitors, their status and a 90-day strip, for anyone with the URL: never ping URLs, bodies or channels.
      </p>
      {page ? (
        <p>
          On, for the tag <code>{page.tag}</code>: <a href={page.url}>{page.url}</a>
        </p>
      ) : (
        <p>Off.</p>
      )}
      {writable && tagForm}
      {writable && page && (
        <div class="actions">
          <form method="post" action="/app/team/status-page/rotate" class="inline-form">
            <CsrfField session={session} />
            <button type="submit">Rotate status page URL</button>
          </form>
          <form method="post" action="/app/team/status-page/disable" class="inline-form">
            <CsrfField session={session} />
            <button type="submit" class="danger">
              Turn off status page
            </button>
          </form>
        </div>
      )}
    </section>
  );
};
