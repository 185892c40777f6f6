/**
 * A small router: method + path pattern ("/volumes/:id/action") → route. Pure; the first
 * route added that matches wins, so literal paths ("/volumes/detail") go before patterns.
 */
import type { ApiVersion } from './microversion.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Route<H> {
  method: Method;
  pattern: string;
  handler: H;
  /** The first microversion that has this route (older requests get 404, as in Cinder). */
  minVersion?: ApiVersion;
}

export interface Match<H> { route: Route<H>; params: Record<string, string> }

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchPattern(pattern: string[], path: string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? '';
    const s = path[i] ?? '';
    if (p.startsWith(':')) {
      try { params[p.slice(1)] = decodeURIComponent(s); } catch { return undefined; }
    } else if (p !== s) {
      return undefined;
    }
  }
  return params;
}

export class Router<H> {
  private readonly routes: { route: Route<H>; parts: string[] }[] = [];

  add(method: Method, pattern: string, handler: H, opts: { minVersion?: ApiVersion } = {}): this {
    this.routes.push({ route: { method, pattern, handler, ...opts }, parts: segments(pattern) });
    return this;
  }

  /** The route for a method and path (without the /v3/{project} prefix), or undefined. */
  match(method: string, path: string): Match<H> | undefined {
    const parts = segments(path);
    for (const { route, parts: pattern } of this.routes) {
      if (route.method !== method) continue;
      const params = matchPattern(pattern, parts);
      if (params) return { route, params };
    }
    return undefined;
  }

  /** First path segments of all routes ("volumes", "types", …): tells /v3/volumes from /v3/{project}. */
  collections(): Set<string> {
    return new Set(this.routes.map((r) => r.parts[0] ?? ''));
  }
}
