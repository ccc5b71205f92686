/** Helpers to build test stacks and read the synthesized Terraform JSON. */
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { AnnotationMetadataEntryType, App, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * A stack with the azurerm, azuread and time providers configured as the library needs them:
 * azurerm keeps nested items when a template deployment is destroyed (the portal config).
 */
export function newStack(id = 'test', app: App = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, 'azurerm', { features: [{ templateDeployment: [{ deleteNestedItemsDuringDeletion: false }] }] });
  new AzureadProvider(stack, 'azuread', {});
  new TimeProvider(stack, 'time', {});
  return stack;
}

/** The synthesized Terraform JSON of a stack. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** Every resource of a type, as `[logicalId, config]` pairs. */
export function resourcesOf(json: any, type: string): Array<[string, any]> {
  return Object.entries(json.resource?.[type] ?? {});
}

/** The only resource of a type; fails when there is not exactly one. */
export function onlyResource(json: any, type: string): any {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0][1];
}

/** A nested block, which synthesizes as an object or a one-element list. */
export function block(value: any): any {
  return Array.isArray(value) ? value[0] : value;
}

/** A repeated block as a list, whichever way it synthesized. */
export function blocks(value: any): any[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Messages of the annotations of a level on a construct (not its children). */
export function annotationsOf(construct: IConstruct, level: 'warn' | 'error' | 'info'): string[] {
  const type = { warn: AnnotationMetadataEntryType.WARN, error: AnnotationMetadataEntryType.ERROR, info: AnnotationMetadataEntryType.INFO }[level];
  return construct.node.metadata.filter((m) => m.type === type).map((m) => String(m.data));
}

/** Every error annotation on a construct and below it, as `path: message`. */
export function errorsUnder(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => annotationsOf(c, 'error').map((m) => `${c.node.path}: ${m}`));
}
