// Recent sign-in attempts for the throttle (domain/login-throttle.ts), read and appended.
import type { Database } from "../../db/index.js";
import { LOGIN_THROTTLE, loginRefusal } from "../domain/login-throttle.js";

const normalise = (username: string) => username.trim().toLowerCase().slice(0, 100);

export async function loginRefusalFor(db: Database, input: { username: string; ip: string }, now = new Date()): Promise<string | null> {
  const since = new Date(now.getTime() - LOGIN_THROTTLE.windowMinutes * 60_000);
  const recent = (column: "username" | "ip", value: string, limit: number) =>
    db.selectFrom("login_attempt").select(["succeeded", "at"]).where(column, "=", value).where("at", ">=", since).orderBy("at", "desc").orderBy("id", "desc").limit(limit).execute();
  const [byUser, byIp] = await Promise.all([recent("username", normalise(input.username), LOGIN_THROTTLE.maxFailures + 1), recent("ip", input.ip, LOGIN_THROTTLE.maxIpFailures + 1)]);
  const asAttempts = (rows: { succeeded: boolean; at: string | Date }[]) => rows.map((r) => ({ succeeded: r.succeeded, at: new Date(r.at).getTime() }));
  return loginRefusal(asAttempts(byUser), asAttempts(byIp), now.getTime());
}

export async function recordLoginAttempt(db: Database, input: { username: string; ip: string; succeeded: boolean }, now = new Date()): Promise<void> {
  await db.insertInto("login_attempt").values({ username: normalise(input.username), ip: input.ip, succeeded: input.succeeded, at: now }).execute();
  // Old attempts are of no use to the throttle: keep the table small.
  if (Math.random() < 0.01) await db.deleteFrom("login_attempt").where("at", "<", new Date(now.getTime() - 86_400_000)).execute();
}
