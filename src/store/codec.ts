import { Packr } from 'msgpackr';

/** Plain maps, no shared structures: a stable on-disk format that any version can read. */
const packr = new Packr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number', moreTypes: false });

export const encode = (value: unknown): Uint8Array => packr.pack(value);
export const decode = <T = unknown>(bytes: Uint8Array): T => packr.unpack(bytes) as T;
