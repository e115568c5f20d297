// A liveness probe for load balancers and the bench's trivial route: no session, no database, no data.
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
