/**
 * The cinder.conf vocabulary Kiln knows. "Used" keys change what Kiln does; "ignored" keys
 * are real Cinder/oslo options that Kiln accepts with a warning, so an operator's existing
 * cinder.conf loads; anything else is most likely a typo and is an error.
 */

/** [DEFAULT] options about the node itself. */
export const NODE_KEYS: ReadonlySet<string> = new Set([
  'enabled_backends', 'default_volume_type', 'storage_availability_zone', 'state_path',
  'osapi_volume_listen', 'osapi_volume_listen_port', 'host', 'scheduler_max_attempts',
  'service_down_time', 'report_interval', 'debug', 'verbose', 'auth_strategy',
]);

/** Accepted with a warning: Kiln logs to stdout. */
export const LOG_FILE_KEYS: ReadonlySet<string> = new Set(['log_dir', 'log_file']);

/** Backend options Kiln acts on; in [DEFAULT] and [backend_defaults] they are every backend's defaults. */
export const BACKEND_KEYS: ReadonlySet<string> = new Set([
  'volume_driver', 'volume_backend_name', 'volumes_dir', 'reserved_percentage',
  'max_over_subscription_ratio', 'storage_availability_zone', 'backend_availability_zone',
]);

/** Kept in BackendOptions.extra for the LVM/iSCSI and RBD drivers to come. */
export const EXTRA_KEYS = [
  'volume_group', 'lvm_type', 'lvm_conf_file', 'volume_clear', 'volume_clear_size',
  'iscsi_helper', 'target_helper', 'iscsi_ip_address', 'target_ip_address', 'iscsi_port',
  'target_port', 'target_prefix', 'iscsi_protocol', 'target_protocol', 'tgt_control_port',
  'lvm_mirrors', 'rbd_pool', 'rbd_user', 'rbd_ceph_conf',
  // Kiln's own: how an LV's data is reached, dm (/dev/<vg>/<lv>) or loop (hosts without device-mapper).
  'lvm_data_path',
] as const;
export type ExtraKey = (typeof EXTRA_KEYS)[number];
const EXTRA_KEY_SET: ReadonlySet<string> = new Set(EXTRA_KEYS);

const IGNORED_DEFAULT_KEYS: ReadonlySet<string> = new Set([
  'transport_url', 'my_ip', 'glance_api_servers', 'glance_api_version', 'glance_num_retries',
  'rootwrap_config', 'api_paste_config', 'control_exchange', 'lock_path', 'enable_v2_api',
  'enable_v3_api', 'osapi_volume_workers', 'osapi_volume_base_URL', 'osapi_max_limit',
  'osapi_volume_use_ssl', 'backup_driver', 'use_syslog', 'syslog_log_facility', 'use_stderr',
  'use_journal', 'use_json', 'use_eventlog', 'log_config_append', 'log_date_format',
  'log_rotation_type', 'max_logfile_count', 'max_logfile_size_mb', 'watch_log_file',
  'default_log_levels', 'publish_errors', 'instance_format', 'instance_uuid_format',
  'fatal_deprecations', 'rate_limit_burst', 'rate_limit_interval', 'rate_limit_except_level',
  'rpc_response_timeout', 'rpc_backend', 'executor_thread_pool_size', 'rpc_conn_pool_size',
  'conn_pool_min_size', 'conn_pool_ttl', 'default_availability_zone',
  'allow_availability_zone_fallback', 'nova_catalog_info', 'nova_catalog_admin_info',
  'os_region_name', 'volume_name_template', 'snapshot_name_template', 'backup_name_template',
  'scheduler_driver', 'scheduler_default_filters', 'scheduler_default_weighers',
  'scheduler_host_manager', 'scheduler_manager', 'scheduler_topic', 'volume_manager',
  'volume_topic', 'volume_api_class', 'backup_api_class', 'transfer_api_class',
  'image_conversion_dir', 'periodic_interval', 'periodic_fuzzy_delay', 'use_forwarded_for',
  'compute_api_class', 'use_default_quota_class', 'reservation_expire', 'until_refresh',
  'max_age', 'no_snapshot_gb_quota', 'allowed_direct_url_schemes',
  'image_upload_use_cinder_backend', 'image_upload_use_internal_tenant', 'image_compress_on_upload',
  'enable_force_upload', 'volume_usage_audit_period', 'cluster', 'iet_conf',
  'cinder_internal_tenant_project_id', 'cinder_internal_tenant_user_id', 'graceful_shutdown_timeout',
  'wsgi_keep_alive', 'client_socket_timeout', 'tcp_keepidle', 'max_header_line', 'backlog',
  'default_group_type', 'volume_service_inithost_offload', 'zoning_mode', 'message_ttl',
  'message_reap_interval', 'backend_stats_polling_interval', 'notification_driver',
  'notification_topics', 'run_external_periodic_tasks', 'wsgi_log_format',
  'volume_number_multiplier', 'capacity_weight_multiplier', 'allocated_capacity_weight_multiplier',
  'migration_create_volume_timeout_secs', 'volume_transfer_salt_length', 'volume_transfer_key_length',
  'consistencygroup_api_class', 'group_api_class',
]);

/** Real Cinder options of other drivers or features, valid in a backend section. */
const IGNORED_BACKEND_KEYS: ReadonlySet<string> = new Set([
  'image_volume_cache_enabled', 'image_volume_cache_max_size_gb', 'image_volume_cache_max_count',
  'volume_copy_bps_limit', 'volume_copy_blkio_cgroup_name', 'use_multipath_for_image_xfer',
  'enforce_multipath_for_image_xfer', 'num_volume_device_scan_tries', 'volume_dd_blocksize',
  'driver_ssl_cert_verify', 'driver_ssl_cert_path', 'driver_use_ssl', 'report_discard_supported',
  'filter_function', 'goodness_function', 'volume_clear_ionice', 'lvm_suppress_fd_warnings',
  'lvm_share_target', 'target_secondary_ip_addresses', 'iscsi_secondary_ip_addresses',
  'iscsi_iotype', 'iscsi_target_flags', 'iscsi_write_cache', 'use_chap_auth', 'chap_username',
  'chap_password', 'suppress_requests_ssl_warnings', 'backend_native_threads_pool_size',
  'replication_device', 'driver_data_namespace', 'backend_host', 'enable_unsupported_driver',
  'rbd_secret_uuid', 'rbd_max_clone_depth', 'rbd_store_chunk_size', 'rados_connect_timeout',
  'rados_connection_retries', 'rados_connection_interval', 'rbd_flatten_volume_from_snapshot',
  'rbd_exclusive_cinder_pool', 'rbd_cluster_name', 'rbd_keyring_conf', 'max_luns_per_storage_group',
  'nvmet_port_id', 'nvmet_ns_id', 'scst_target_iqn_name', 'scst_target_driver', 'iet_conf',
  'san_ip', 'san_login', 'san_password', 'san_thin_provision', 'nfs_shares_config',
  'nfs_mount_point_base', 'nfs_sparsed_volumes', 'nfs_qcow2_volumes',
]);

/**
 * Families of real options. Consulted only after a key is found not to be a near-miss of a
 * used key, so `rbd_pol` is still reported as a typo of rbd_pool.
 */
const IGNORED_DEFAULT_PREFIXES = [
  'backup_', 'quota_', 'logging_', 'rpc_', 'glance_', 'nova_', 'scheduler_', 'osapi_', 'image_',
  'keystone_', 'notification_', 'syslog_', 'ssl_', 'wsgi_', 'sqlite_', 'db_', 'executor_',
  'enable_', 'max_', 'use_', 'default_', 'volume_usage_', 'oslo_',
];
const IGNORED_BACKEND_PREFIXES = [
  'san_', 'rbd_', 'rados_', 'nfs_', 'nas_', 'netapp_', 'hpe3par_', 'pure_', 'powermax_', 'vmax_',
  'unity_', 'vnx_', 'xtremio_', 'dell_sc_', 'storwize_', 'ibm_', 'infinidat_', 'nimble_',
  'solidfire_', 'sf_', 'zfssa_', 'gpfs_', 'glusterfs_', 'iscsi_', 'image_volume_cache_',
  'volume_copy_', 'replication_', 'driver_', 'chap_', 'nvmeof_', 'spdk_', 'scst_',
];

const IGNORED_SECTIONS: ReadonlySet<string> = new Set([
  'database', 'keystone_authtoken', 'oslo_concurrency', 'oslo_middleware', 'oslo_policy',
  'oslo_reports', 'oslo_versionedobjects', 'oslo_limit', 'coordination', 'nova', 'key_manager',
  'keymgr', 'barbican', 'castellan', 'vault', 'profiler', 'cors', 'healthcheck', 'ssl',
  'fc-zone-manager', 'service_user', 'os_brick', 'backend', 'audit_middleware_notifications',
  'matchmaker_redis', 'sample_castellan_source', 'sample_remote_file_source',
  'brcd_fabric_example', 'cisco_fabric_example', 'glance', 'keystone',
]);
const IGNORED_SECTION_PREFIXES = ['oslo_messaging_', 'privsep'];

export type SectionKind = 'DEFAULT' | 'backend_defaults' | 'backend' | 'ignored' | 'unknown';
export type KeyUse = 'used' | 'log-file' | 'ignored' | 'unknown';

export const isExtraKey = (key: string): key is ExtraKey => EXTRA_KEY_SET.has(key);

/** oslo lower-cases group names other than DEFAULT, so sections match case-insensitively. */
export function sectionKind(name: string, backendSections: ReadonlySet<string>): SectionKind {
  if (name === 'DEFAULT') return 'DEFAULT';
  if (backendSections.has(name)) return 'backend';
  const lower = name.toLowerCase();
  if (lower === 'backend_defaults') return 'backend_defaults';
  if (IGNORED_SECTIONS.has(lower) || IGNORED_SECTION_PREFIXES.some((p) => lower.startsWith(p))) return 'ignored';
  return 'unknown';
}

export const KNOWN_SECTION_NAMES: readonly string[] = ['DEFAULT', 'backend_defaults'];
export const IGNORED_SECTION_NAMES: readonly string[] = [...IGNORED_SECTIONS];

/** Keys Kiln acts on in a section of this kind: the suggestions for a typo. */
export function usedKeys(kind: 'DEFAULT' | 'backend_defaults' | 'backend'): string[] {
  const backend = [...BACKEND_KEYS, ...EXTRA_KEYS];
  return kind === 'DEFAULT' ? [...NODE_KEYS, ...LOG_FILE_KEYS, ...backend] : backend;
}

/** Every key known in a section of this kind, used or ignored. */
export function knownKeys(kind: 'DEFAULT' | 'backend_defaults' | 'backend'): string[] {
  const ignored = kind === 'DEFAULT' ? [...IGNORED_DEFAULT_KEYS, ...IGNORED_BACKEND_KEYS] : [...IGNORED_BACKEND_KEYS];
  return [...usedKeys(kind), ...ignored];
}

/** Exact knowledge only; the caller checks near-misses before trusting `ignoredByPrefix`. */
export function keyUse(kind: 'DEFAULT' | 'backend_defaults' | 'backend', key: string): KeyUse {
  if (kind === 'DEFAULT' && LOG_FILE_KEYS.has(key)) return 'log-file';
  if (usedKeys(kind).includes(key)) return 'used';
  if (IGNORED_BACKEND_KEYS.has(key)) return 'ignored';
  if (kind === 'DEFAULT' && IGNORED_DEFAULT_KEYS.has(key)) return 'ignored';
  return 'unknown';
}

export function ignoredByPrefix(kind: 'DEFAULT' | 'backend_defaults' | 'backend', key: string): boolean {
  const prefixes = kind === 'DEFAULT' ? [...IGNORED_DEFAULT_PREFIXES, ...IGNORED_BACKEND_PREFIXES] : IGNORED_BACKEND_PREFIXES;
  return prefixes.some((p) => key.startsWith(p));
}
