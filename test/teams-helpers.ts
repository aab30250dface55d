import { api } from "./helpers";

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
