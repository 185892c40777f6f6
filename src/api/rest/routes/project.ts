/** Per-project reads: /limits, /os-quota-sets, and /messages (microversion 3.3+). */
import { ok, param, viewOf, type Handler } from '../context.js';
import { RestError } from '../faults.js';
import { boolParam, rejectUnknown } from '../query.js';
import { version } from '../microversion.js';
import type { Router } from '../router.js';
import { limitsView, messageView, quotaSet } from '../views/project-view.js';

const limits: Handler = (ctx) => {
  rejectUnknown(ctx.query, new Set(['project_id']));
  return ok(limitsView(ctx.ops.quotas.usage(ctx.caller, { projectId: ctx.query.get('project_id') ?? undefined })));
};

const quotas = (defaults: boolean): Handler => (ctx) => {
  rejectUnknown(ctx.query, new Set(['usage']));
  const usage = ctx.ops.quotas.usage(ctx.caller, { projectId: param(ctx, 'project') });
  return ok(quotaSet(usage, !defaults && (boolParam('usage', ctx.query.get('usage')) ?? false)));
};

const quotaUpdate: Handler = () => {
  throw new RestError(501, 'This Kiln node does not enforce quotas, so they cannot be changed.');
};

const messages: Handler = (ctx) => {
  rejectUnknown(ctx.query, new Set());
  return ok({ messages: ctx.ops.messages.list(ctx.caller).map((m) => messageView(viewOf(ctx), m)) });
};
const message: Handler = (ctx) => ok({ message: messageView(viewOf(ctx), ctx.ops.messages.show(ctx.caller, { id: param(ctx, 'id') })) });

const messagesSince = { minVersion: version('3.3') };

export function projectRoutes(r: Router<Handler>): void {
  r.add('GET', '/limits', limits)
    .add('GET', '/os-quota-sets/:project', quotas(false))
    .add('GET', '/os-quota-sets/:project/defaults', quotas(true))
    .add('PUT', '/os-quota-sets/:project', quotaUpdate)
    .add('DELETE', '/os-quota-sets/:project', quotaUpdate)
    .add('GET', '/messages', messages, messagesSince)
    .add('GET', '/messages/:id', message, messagesSince);
}
