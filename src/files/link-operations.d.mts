/** Types of link-operations.mjs. */
export declare function linkOrCopy(from: string, to: string): void;
export declare function touch(file: string): void;
/** A link that could not be made, and why (an error code such as ENOENT, or a message). */
export interface LinkFailure {
  from: string;
  to: string;
  reason: string;
}
export declare function applyOperations(operations: readonly string[]): LinkFailure | undefined;
export declare const LINK: 'l';
export declare const TOUCH: 't';
