// Settings that wrangler.toml leaves out unless a deployment sets them, so `wrangler types` cannot see them.
// (ADMIN_TOKEN comes from wrangler.toml's [secrets]; it is typed `string` but is absent until it is set.)
// The generated worker-configuration.d.ts declares `Cloudflare.Env` and the global `Env` side by side (neither
// extends the other since wrangler 4.1xx), so both take these settings.
interface LubdubSettings {
  /** "true" allows plain-http and private webhook targets: local development and the tests only. */
  ALLOW_INSECURE_WEBHOOKS?: string;
  /** Public origin of this lubdub for links in alert messages, e.g. "https://lubdub.example.com". */
  PUBLIC_BASE_URL?: string;
  /** "off" turns off the admin API's rate limits (src/rate-limit.ts): the test suites only. */
  RATE_LIMITS?: string;
  /** Pings per second per monitor written one by one; past it, pings that only move the timer are coalesced (domain/burst.ts). Default 10. */
  PING_BURST_RATE?: string;
  /** Seconds D1's copy of a monitor's last ping and run duration (/metrics) may fall behind (domain/liveness.ts). Default 300. */
  LIVENESS_REPORT_SECONDS?: string;
  /** Days closed alerts, their deliveries and flips are kept (src/cron/). Default 90. */
  RETENTION_DAYS?: string;
  /** A URL the Cron Trigger GETs every minute, so an outside monitor notices when lubdub stops (src/cron/). */
  SELF_HEARTBEAT_URL?: string;
  /** Per-team limits' deployment-wide defaults (src/domain/limits.ts); a team's own values are set by the super-admin. */
  TEAM_MAX_MONITORS?: string;
  TEAM_MAX_CHANNELS?: string;
  TEAM_MAX_API_KEYS?: string;
  TEAM_MAX_PING_LOG_SIZE?: string;
  /** "eu" or "fedramp": every monitor object runs and stores data only there (src/do/stub.ts). Empty: none. */
  JURISDICTION?: string;
}
declare namespace Cloudflare {
  interface Env extends LubdubSettings {}
}
interface Env extends LubdubSettings {}
