/** Version discovery documents: GET / (300 Multiple Choices) and GET /v3/ (200). */
import { formatVersion, maxVersion, minVersion } from './microversion.js';

export function versionEntry(baseUrl: string) {
  return {
    id: 'v3.0',
    status: 'CURRENT',
    version: formatVersion(maxVersion),
    min_version: formatVersion(minVersion),
    // Cinder's date for 3.70, which Kiln's maximum matches.
    updated: '2022-08-31T00:00:00Z',
    links: [
      { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' },
      { rel: 'self', href: `${baseUrl}/v3/` },
    ],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3' }],
  };
}

export const versionsDocument = (baseUrl: string) => ({ versions: [versionEntry(baseUrl)] });
