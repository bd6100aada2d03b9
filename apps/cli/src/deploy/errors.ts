/** One problem in an inventory, located by its path (e.g. `regions.oregon.hosts[2].roles`). */
export interface InventoryIssue {
  path: string;
  message: string;
}

/** The inventory is unreadable or inconsistent; every issue found is listed, each naming its path. */
export class InventoryError extends Error {
  override readonly name = 'InventoryError';
  readonly code = 'DEPLOY_INVENTORY_INVALID';
  readonly issues: readonly InventoryIssue[];

  constructor(source: string, issues: readonly InventoryIssue[]) {
    super(
      `${source}: ${issues.length === 1 ? 'invalid inventory' : `${issues.length} problems in the inventory`}\n${issues
        .map((issue) => `  ${issue.path === '' ? '(top level)' : issue.path}: ${issue.message}`)
        .join('\n')}`,
    );
    this.issues = issues;
  }
}

/** A unit or config template is missing or names a placeholder nobody fills. */
export class DeployTemplateError extends Error {
  override readonly name = 'DeployTemplateError';
  readonly code = 'DEPLOY_TEMPLATE';
}
