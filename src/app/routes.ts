// Hash routes (#/counter, #/members, …): they work from any static host and inside the installed app,
// where there is no server to rewrite paths.

export const ROUTES = ['counter', 'members', 'products', 'analytics', 'settings'] as const;
export type Route = (typeof ROUTES)[number];
export const DEFAULT_ROUTE: Route = 'counter';

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : DEFAULT_ROUTE;
}

export function hashForRoute(route: Route): string {
  return `#/${route}`;
}
