import type { ParseArgsConfig } from "node:util";

/** A failure whose Vietnamese message is the whole story (no stack trace for the operator). */
export class CliError extends Error {}

export type Command = {
  summary: string;
  usage: string;
  options?: ParseArgsConfig["options"];
  allowPositionals?: boolean;
  /** Load the demo data when the database is empty. */
  seed?: boolean;
  /** false for commands that never touch the database (they start no PostgreSQL). */
  database?: boolean;
  run: (args: { values: Record<string, unknown>; positionals: string[] }) => Promise<string | void>;
};
