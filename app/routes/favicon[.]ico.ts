// A small SVG mark instead of a 404 on every page load.
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1b56ad"/><text x="16" y="22" font-family="Arial" font-size="14" font-weight="700" fill="#fff" text-anchor="middle">KT</text></svg>`;

export function loader() {
  return new Response(ICON, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" } });
}
