/** Errors of the service database layer. `code` is stable; `field` names the input that was wrong. */
export type SwitchyardDbErrorCode = 'INVALID' | 'NOT_FOUND' | 'CONFLICT';

export class SwitchyardDbError extends Error {
  readonly code: SwitchyardDbErrorCode;
  readonly field: string | undefined;
  constructor(code: SwitchyardDbErrorCode, message: string, field?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SwitchyardDbError';
    this.code = code;
    this.field = field;
  }
}

/** Input that breaks a rule of the schema (bad hostname, port out of range, unknown kind, ...). */
export class ValidationError extends SwitchyardDbError {
  constructor(field: string, message: string, options?: ErrorOptions) {
    super('INVALID', message, field, options);
    this.name = 'ValidationError';
  }
}

/** A service, hostname, instance or build that does not exist. */
export class NotFoundError extends SwitchyardDbError {
  constructor(field: string, message: string, options?: ErrorOptions) {
    super('NOT_FOUND', message, field, options);
    this.name = 'NotFoundError';
  }
}

/** A unique value already taken (hostname, service name in a region, instance, build id). */
export class ConflictError extends SwitchyardDbError {
  constructor(field: string, message: string, options?: ErrorOptions) {
    super('CONFLICT', message, field, options);
    this.name = 'ConflictError';
  }
}

/** A migration file changed after it was applied, or the migrations folder is inconsistent. */
export class MigrationError extends Error {
  readonly code = 'MIGRATION';
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Constraint name (migrations/0001) -> the input field it guards. */
const CONSTRAINT_FIELDS: Record<string, string> = {
  services_pkey: 'id',
  services_name_valid: 'name',
  services_name_unique: 'name',
  services_kind_valid: 'kind',
  services_plan_valid: 'plan',
  services_state_valid: 'state',
  services_region_valid: 'region',
  services_scaler_ref_valid: 'scalerRef',
  services_active_build_exists: 'buildId',
  hostnames_pkey: 'hostname',
  hostnames_hostname_valid: 'hostname',
  hostnames_service_id_fkey: 'serviceId',
  instances_pkey: 'instance',
  instances_host_valid: 'host',
  instances_port_valid: 'port',
  instances_service_id_fkey: 'serviceId',
  static_builds_pkey: 'buildId',
  static_builds_id_valid: 'buildId',
  static_builds_service_id_fkey: 'serviceId',
  static_rules_source_valid: 'rules.source',
  static_rules_destination_valid: 'rules.destination',
  static_rules_status_valid: 'rules.status',
  static_rules_service_id_fkey: 'serviceId',
  static_header_rules_pattern_valid: 'headerRules.pattern',
  static_header_rules_headers_valid: 'headerRules.headers',
  static_header_rules_service_id_fkey: 'serviceId',
  services_hsts_max_age_valid: 'hsts.maxAge',
  certificates_pkey: 'id',
  certificates_service_id_fkey: 'serviceId',
  certificates_chain_pem_valid: 'cert',
  certificates_key_sealed_valid: 'key',
  certificates_names_valid: 'names',
  certificates_source_valid: 'source',
  certificates_status_valid: 'status',
  certificates_validity_valid: 'cert',
  tls_ticket_keys_region_valid: 'region',
};

interface PgErrorLike {
  code?: string;
  constraint?: string;
  detail?: string;
  message: string;
}

function isPgError(err: unknown): err is PgErrorLike {
  return err instanceof Error && !(err instanceof SwitchyardDbError) && typeof (err as PgErrorLike).code === 'string';
}

/** Turns a PostgreSQL constraint violation into a typed error naming the field; anything else is returned as is. */
export function mapPgError(err: unknown): unknown {
  if (!isPgError(err)) return err;
  const field = (err.constraint && CONSTRAINT_FIELDS[err.constraint]) ?? err.constraint ?? 'unknown';
  const detail = err.detail ? ` (${err.detail})` : '';
  switch (err.code) {
    case '23505':
      return new ConflictError(field, `${field} already exists${detail}`, { cause: err });
    case '23514':
    case '22P02':
    case '23502':
      return new ValidationError(field, `invalid ${field}: ${err.message}${detail}`, { cause: err });
    case '23503':
      return new NotFoundError(field, `${field} does not exist${detail}`, { cause: err });
    default:
      return err;
  }
}

/** Runs a database call, turning constraint violations into typed errors that name the field. */
export async function mappingPgErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw mapPgError(err);
  }
}
