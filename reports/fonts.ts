// The Times New Roman face of Decree 30/2020, as Tinos (metric-compatible, SIL OFL), from
// @expo-google-fonts/tinos. The path is resolved through Node's resolver from this module's own URL, so it
// holds under tsx, Vitest and the Remix server bundle (build/index.js resolves node_modules upward from
// build/, like any dependency); the package has no "exports" map, so its package.json is resolvable.
import { createRequire } from "node:module";
import path from "node:path";

const packageDir = path.dirname(createRequire(import.meta.url).resolve("@expo-google-fonts/tinos/package.json"));

export const TINOS = {
  regular: path.join(packageDir, "400Regular/Tinos_400Regular.ttf"),
  bold: path.join(packageDir, "700Bold/Tinos_700Bold.ttf"),
  italic: path.join(packageDir, "400Regular_Italic/Tinos_400Regular_Italic.ttf"),
  boldItalic: path.join(packageDir, "700Bold_Italic/Tinos_700Bold_Italic.ttf"),
} as const;

export type FontFace = keyof typeof TINOS;
