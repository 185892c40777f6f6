/**
 * Where a request path points: the version documents, or an API path under /v3 with or
 * without the project id (Cinder accepts both: /v3/{project_id}/volumes and /v3/volumes).
 */
export type Target =
  | { kind: 'versions' }
  | { kind: 'v3' }
  | { kind: 'api'; projectId: string | undefined; path: string }
  | { kind: 'unknown' };

/** `collections` are the first segments of the API routes, so /v3/volumes is not read as project "volumes". */
export function splitPath(pathname: string, collections: ReadonlySet<string>): Target {
  const parts = pathname.split('/').filter((s) => s !== '');
  if (parts.length === 0) return { kind: 'versions' };
  if (parts[0] !== 'v3') return { kind: 'unknown' };
  if (parts.length === 1) return { kind: 'v3' };
  const [, first = '', ...rest] = parts;
  if (collections.has(first)) return { kind: 'api', projectId: undefined, path: `/${parts.slice(1).join('/')}` };
  if (rest.length === 0) return { kind: 'unknown' };
  let projectId: string;
  try { projectId = decodeURIComponent(first); } catch { return { kind: 'unknown' }; }
  return { kind: 'api', projectId, path: `/${rest.join('/')}` };
}
