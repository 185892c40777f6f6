import type { EntityDef, EntityEnv } from '../entity.js';
import { decideCatalog } from './decide.js';
import { evolveCatalog } from './evolve.js';
import { initialCatalog, type CatalogCommand, type CatalogEvent, type CatalogState } from './state.js';

export interface CatalogEnv extends EntityEnv {
  publish(state: CatalogState): void;
}

/** One persistent catalog per node; never passivated, snapshotted so boot replays little. */
export const catalogEntity: EntityDef<CatalogState, CatalogCommand, CatalogEvent, CatalogEnv> = {
  kind: 'catalog',
  initial: initialCatalog,
  decide: (s, cmd, at) => decideCatalog(s, cmd, at),
  evolve: evolveCatalog,
  onChange: (_id, _before, after, env) => env.publish(after),
  snapshotEvery: 200,
};
