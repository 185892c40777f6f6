/** Cinder's front-end QoS keys (the ones Nova/libvirt enforce); values are non-negative integers. */
const bases = ['read_iops_sec', 'write_iops_sec', 'total_iops_sec', 'read_bytes_sec', 'write_bytes_sec', 'total_bytes_sec'];

export const frontEndQosKeys: ReadonlySet<string> = new Set([
  ...bases,
  ...bases.map((k) => `${k}_per_gb`),
  ...bases.map((k) => `${k}_max`),
  ...bases.map((k) => `${k}_per_gb_min`),
  ...bases.map((k) => `${k}_max_length`),
  'size_iops_sec',
]);

/** Returns the first problem with the specs as [key, message], or undefined. */
export function checkQosSpecs(consumer: 'front-end' | 'back-end' | 'both', specs: Record<string, string>): [string, string] | undefined {
  for (const [key, value] of Object.entries(specs)) {
    if (frontEndQosKeys.has(key)) {
      if (!/^\d+$/.test(value.trim())) return [key, `QoS spec ${key} must be a non-negative integer, got ${JSON.stringify(value)}.`];
    } else if (consumer === 'front-end') {
      return [key, `Unknown front-end QoS key ${key}; known keys: ${[...frontEndQosKeys].slice(0, 6).join(', ')}, … (and their _per_gb/_max variants).`];
    }
  }
  return undefined;
}

/** Front-end QoS as the connection info carries it: *_per_gb values scaled by the volume size. */
export function scaledQosSpecs(specs: Record<string, string>, sizeGiB: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(specs)) {
    if (!frontEndQosKeys.has(key)) continue;
    if (key.endsWith('_per_gb')) {
      const base = key.slice(0, -'_per_gb'.length);
      const min = Number(specs[`${key}_min`] ?? 0);
      out[base] = Math.max(Number(value) * sizeGiB, min);
    } else if (!key.endsWith('_per_gb_min')) {
      out[key] = Number(value);
    }
  }
  return out;
}
