import {
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from "@mantine/core";

// Mantine's default blue (and its hover shade) fails WCAG AA against white text; this navy keeps
// every filled shade from 6 up above 6:1, and the greys used for dimmed text above 4.5:1.
const ktcv: MantineColorsTuple = [
  "#eaf1fb", "#d3e2f6", "#a8c4ec", "#7aa5e2", "#5089d6", "#2f6fc6", "#1f5fbf", "#1b56ad", "#184fa3", "#12418a",
];
const gray: MantineColorsTuple = [
  "#f8f9fa", "#f1f3f5", "#e9ecef", "#dee2e6", "#ced4da", "#adb5bd", "#5c636a", "#495057", "#343a40", "#212529",
];

// Mantine's "light" variant (badges, alerts) writes shade 6 on a pale tint, under 4.5:1 for most
// colours; ours writes the darkest shade (darker still for the yellows) on shade 0.
const variantColorResolver: VariantColorsResolver = (input) => {
  const defaults = defaultVariantColorsResolver(input);
  if (input.variant !== "light") return defaults;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  const palette = parsed.isThemeColor ? input.theme.colors[parsed.color] : undefined;
  if (!palette) return defaults;
  const pale = ["yellow", "orange", "lime"].includes(parsed.color);
  return {
    ...defaults,
    color: darken(palette[9], pale ? 0.45 : 0.15),
    background: palette[0],
    hover: palette[1],
    border: `1px solid ${palette[2]}`,
  };
};

export const theme = createTheme({
  variantColorResolver,
  primaryColor: "ktcv",
  primaryShade: { light: 7, dark: 5 },
  colors: { ktcv, gray },
  fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
  headings: { fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif" },
  defaultRadius: "sm",
  components: {
    // A table wider than the screen scrolls sideways; keyboard users must be able to focus the
    // scrolling region to scroll it (axe: scrollable-region-focusable).
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-6)",
    "--mantine-color-anchor": "var(--mantine-color-ktcv-7)",
    // Validation messages: Mantine's red 6 is 3.3:1 on white; red 9 is 5.9:1.
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {},
});
