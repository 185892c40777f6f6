/** Volume types and QoS specs → Cinder's JSON (cinder/api/views/types.py, qos_specs.py). */
import type { QosSpec, VolumeType } from '../../../model/catalog.js';
import type { ViewContext } from '../context.js';
import { resourceLinks } from './volume-view.js';

/** Extra specs a non-admin may see (Cinder's user-visible keys). */
const userVisibleSpecs = new Set(['multiattach', 'RESKEY:availability_zones', 'replication_enabled']);

function visibleSpecs(v: ViewContext, specs: Record<string, string>): Record<string, string> {
  if (v.isAdmin) return { ...specs };
  return Object.fromEntries(Object.entries(specs).filter(([k]) => userVisibleSpecs.has(k)));
}

/** `created` mirrors Cinder's create response, which has no qos_specs_id. */
export function volumeTypeView(v: ViewContext, t: VolumeType, opts: { created?: boolean } = {}): Record<string, unknown> {
  if (opts.created) {
    return {
      id: t.id, name: t.name, is_public: t.isPublic, extra_specs: visibleSpecs(v, t.extraSpecs),
      description: t.description, 'os-volume-type-access:is_public': t.isPublic,
    };
  }
  const out: Record<string, unknown> = {
    id: t.id, name: t.name, is_public: t.isPublic, description: t.description, extra_specs: visibleSpecs(v, t.extraSpecs),
  };
  if (v.isAdmin) out.qos_specs_id = t.qosSpecsId;
  out['os-volume-type-access:is_public'] = t.isPublic;
  return out;
}

export const volumeTypeList = (v: ViewContext, types: VolumeType[]) => ({ volume_types: types.map((t) => volumeTypeView(v, t)) });

export const qosSummary = (q: QosSpec) => ({ id: q.id, name: q.name, consumer: q.consumer, specs: { ...q.specs } });

/** Create and show answer the spec plus top-level `links`. */
export const qosDetail = (v: ViewContext, q: QosSpec) => ({ qos_specs: qosSummary(q), links: resourceLinks(v, 'qos-specs', q.id) });

export const qosList = (specs: QosSpec[]) => ({ qos_specs: specs.map(qosSummary) });

export function qosAssociations(rows: { associationType: string; id: string; name: string }[]) {
  return { qos_associations: rows.map((r) => ({ association_type: r.associationType, name: r.name, id: r.id })) };
}
