/** Stable codes of static-site errors. */
export type StaticSiteErrorCode = 'RULE' | 'OPTIONS';

export class StaticSiteError extends Error {
  readonly code: StaticSiteErrorCode;
  constructor(code: StaticSiteErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StaticSiteError';
    this.code = code;
  }
}

/** Which list a bad rule is in. */
export type RuleList = 'rules' | 'headerRules';

/** A rule that cannot be compiled: names the list, the rule's index in it and the field. */
export class RuleError extends StaticSiteError {
  readonly list: RuleList;
  readonly index: number;
  readonly field: string;
  /** Why, without the location. */
  readonly reason: string;
  constructor(list: RuleList, index: number, field: string, reason: string) {
    super('RULE', `${list}[${index}].${field}: ${reason}`);
    this.name = 'RuleError';
    this.list = list;
    this.index = index;
    this.field = field;
    this.reason = reason;
  }
}

/** Handler or cache options that cannot work, reported once at start-up. */
export class StaticOptionsError extends StaticSiteError {
  constructor(message: string) {
    super('OPTIONS', message);
    this.name = 'StaticOptionsError';
  }
}
