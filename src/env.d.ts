// Secrets are not in wrangler.toml, so `wrangler types` cannot see them: declare them here.
declare namespace Cloudflare {
  interface Env {
    /** Bearer token for the admin API. Locally from .dev.vars; in production `wrangler secret put ADMIN_TOKEN`. */
    ADMIN_TOKEN?: string;
  }
}
