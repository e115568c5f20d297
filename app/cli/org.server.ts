// Organisation commands of the command line (import-org). Filled in by the organisation import work.
import type { Command } from "./command.js";

export const COMMANDS: Record<string, Command> = {};
