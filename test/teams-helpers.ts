import { api, type PageSession, page, postForm, signIn } from "./helpers";

/** A team created by the super-admin, with a write and a read key of its own. */
export interface TeamFixture {
  id: string;
  pingKey: string;
  write: string;
  read: string;
  writeKeyId: string;
  readKeyId: string;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export async function createKey(teamId: string, scope: "read" | "write", as: Record<string, string> = {}) {
  const res = await api("POST", `/api/v1/teams/${teamId}/keys`, { name: `${scope} key`, scope }, as);
  if (res.status !== 201) throw new Error(`create key: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; key: string; prefix: string; scope: string };
}

export async function createTeamWithKeys(name: string): Promise<TeamFixture> {
  const team = await api("POST", "/api/v1/teams", { name });
  if (team.status !== 201) throw new Error(`create team: ${team.status} ${JSON.stringify(team.body)}`);
  const write = await createKey(team.body.id, "write");
  const read = await createKey(team.body.id, "read");
  return { id: team.body.id, pingKey: team.body.ping_key, write: write.key, read: read.key, writeKeyId: write.id, readKeyId: read.id };
}

/** A new team and a dashboard session signed in with its write key. */
export async function teamWriter(name: string): Promise<{ team: TeamFixture; session: PageSession }> {
  const team = await createTeamWithKeys(name);
  return { team, session: await signIn(team.write) };
}

/** A dashboard page as its status and HTML. */
export async function pageHtml(path: string, session: PageSession): Promise<{ status: number; text: string }> {
  const res = await page(path, session);
  return { status: res.status, text: await res.text() };
}

/** A dashboard form posted: status, where it redirects, and the page it answers with. */
export async function postPage(path: string, session: PageSession, fields: Record<string, string> = {}) {
  const res = await postForm(path, session, fields);
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}
