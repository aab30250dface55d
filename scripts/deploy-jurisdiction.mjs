// @ts-check
// The deployment's jurisdiction in `npm run deploy` (wrangler.toml [vars] JURISDICTION; src/do/stub.ts reads the
// same setting for the monitor objects). D1's jurisdiction can only be set when the database is created
// (https://developers.cloudflare.com/d1/configuration/data-location/), and wrangler's automatic provisioning
// (4.86) creates it with none, so with a jurisdiction the deploy creates the database itself
// (`wrangler d1 create --jurisdiction`). The jurisdiction in use is the existing database's, as Cloudflare
// reports it (`jurisdiction` in `wrangler d1 list --json`; absent or null: none): the objects were created
// with it. A deploy that would change it stops before changing anything.

/** The values both Durable Objects and D1 accept (src/do/stub.ts JURISDICTIONS). */
const JURISDICTIONS = ["eu", "fedramp"];

/** @param {string | null} j */
const shown = (j) => (j ? `"${j}"` : "none");

/** wrangler.toml's JURISDICTION under [vars], or null for none; any other value stops the deploy. @param {string} text */
export function readJurisdiction(text) {
  const vars = /^\[vars\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] ?? "";
  const value = /^JURISDICTION\s*=\s*"([^"]*)"/m.exec(vars)?.[1] ?? "";
  if (value === "") return null;
  if (!JURISDICTIONS.includes(value)) {
    throw new Error(`wrangler.toml sets JURISDICTION = "${value}"; it must be "eu" or "fedramp", or empty for none.`);
  }
  return value;
}

/** The jurisdiction a database was created in, as `wrangler d1 list --json` reports it. @param {{ jurisdiction?: string | null }} database */
export const jurisdictionOf = (database) => database.jurisdiction ?? null;

/**
 * Stops the deploy when the configured jurisdiction is not the one in use, with the reason and the way out:
 * the monitors' objects live in the jurisdiction they were created in, and D1 cannot move at all.
 * @param {{ configured: string | null, inUse: string | null, database: string, monitors: () => Promise<number> }} deployment
 */
export async function refuseJurisdictionChange({ configured, inUse, database, monitors }) {
  if (configured === inUse) return;
  const count = await monitors();
  const change = `wrangler.toml sets JURISDICTION to ${shown(configured)}, but this deployment's data is in ${shown(inUse)}: its D1 database "${database}" was created there`;
  const keep = `To deploy as it is, set JURISDICTION = "${inUse ?? ""}" in wrangler.toml.`;
  if (count > 0) {
    throw new Error(
      `${change}, and so were the objects of its ${count} monitor${count === 1 ? "" : "s"}. Changing it means moving data: an object never leaves the jurisdiction it was created in, so every monitor would lose its live state, ping log and queued notifications and its ping URL would answer 404, and a D1 database's jurisdiction is fixed when it is created. ${keep} To move, export the monitors (npx lubdub export), deploy a new lubdub (another Worker name and database_name) in ${shown(configured)}, apply them there and point your jobs at the new ping URLs.`,
    );
  }
  throw new Error(
    `${change}, and a D1 database's jurisdiction is fixed when it is created. It holds no monitors: to start over in ${shown(configured)}, delete it (npx wrangler d1 delete ${database}; export its teams and channels first with npx wrangler d1 export ${database} --remote if you want them) and run npm run deploy again. ${keep}`,
  );
}
