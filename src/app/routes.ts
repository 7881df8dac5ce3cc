// Hash routes (#/counter, #/members, …): they work from any static host and inside the installed app,
// where there is no server to rewrite paths.

import type { Permission } from '../core/staff/staff-user';

export const ROUTES = ['counter', 'members', 'products', 'analytics', 'watchlist', 'audit', 'settings'] as const;
export type Route = (typeof ROUTES)[number];

/** Screens only some roles may open (the rest are everyone's); the nav hides them from the others. */
export const ROUTE_PERMISSION: Partial<Record<Route, Permission>> = { watchlist: 'watchlist', audit: 'audit' };
export const DEFAULT_ROUTE: Route = 'counter';

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : DEFAULT_ROUTE;
}

export function hashForRoute(route: Route): string {
  return `#/${route}`;
}
